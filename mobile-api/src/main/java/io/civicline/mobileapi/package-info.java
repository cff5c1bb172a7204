/** Staff REST and WebSocket API. Arrives with the mobile API issue. */
package io.civicline.mobileapi;
