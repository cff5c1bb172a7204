/** The staff API's HTTP side: routes, bearer-token checks, tenant guard and problem+json. */
package io.civicline.mobileapi.http;
