package io.civicline.mobileapi.auth;

/**
 * A staff member whose identity an {@link IdentityProvider} has verified: what a session is started
 * for, whichever way they proved who they are.
 *
 * @param method how they signed in ({@code password}, later e.g. {@code oidc}), kept with the
 *     session
 */
public record StaffIdentity(String tenant, String staffId, String method) {}
