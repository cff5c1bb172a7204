package io.civicline.mobileapi.auth;

import io.vertx.core.Future;

/**
 * A way for staff to prove who they are. Password sign-in is one; single sign-on with a town's
 * OpenID Connect provider can be another (its credentials being the authorization code and PKCE
 * verifier of the callback). Either ends in a {@link StaffIdentity}, from which {@link
 * StaffSessions#start} issues the same tokens, so nothing after sign-in depends on the method.
 *
 * @param <C> what the staff member presents
 */
public interface IdentityProvider<C> {

  /** Short name recorded with the session, e.g. {@code password}. */
  String method();

  /**
   * The verified identity, or a failed future with {@link InvalidCredentials} when the credentials
   * prove nothing (whatever the reason, so callers cannot tell accounts apart).
   */
  Future<StaffIdentity> verify(C credentials, ClientInfo client);
}
