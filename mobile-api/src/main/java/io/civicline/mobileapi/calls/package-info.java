/**
 * Calls from the staff app: the in-app voice token, click-to-call and ring preferences. The ports
 * here are implemented by the voice channels (signaling) and wired in the composition root.
 */
package io.civicline.mobileapi.calls;
