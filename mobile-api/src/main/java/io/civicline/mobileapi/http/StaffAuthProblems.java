package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;

/** The staff API's own answers to refused credentials and tokens. */
public final class StaffAuthProblems {
  private StaffAuthProblems() {}

  /**
   * The one answer to every failed sign-in: unknown email, wrong password or lockout alike, so the
   * answer tells an attacker nothing.
   */
  public static Problem invalidCredentials() {
    return new Problem(
        401,
        "invalid-credentials",
        "Invalid credentials",
        "the email or password is wrong, or sign-in is temporarily blocked; try again later");
  }

  public static Problem invalidToken() {
    return new Problem(
        401,
        "invalid-token",
        "Authentication required",
        "send a valid access token as 'Authorization: Bearer <token>'; it may have expired or"
            + " been revoked");
  }

  public static Problem invalidRefreshToken() {
    return new Problem(
        401,
        "invalid-refresh-token",
        "Invalid refresh token",
        "the refresh token is unknown, spent or revoked; sign in again");
  }
}
