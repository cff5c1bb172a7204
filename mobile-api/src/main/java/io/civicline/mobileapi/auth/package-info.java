/**
 * Staff sign-in and tokens: Argon2id passwords, throttled sign-in, JWT access tokens checked
 * against their Redis session, rotating refresh tokens with reuse detection, and the {@link
 * io.civicline.mobileapi.auth.IdentityProvider} seam for single sign-on.
 */
package io.civicline.mobileapi.auth;
