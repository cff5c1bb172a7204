package io.civicline.mobileapi.auth;

import java.time.Instant;

/**
 * What a sign-in or refresh hands the client: a short-lived access token and the refresh token that
 * gets the next one. {@link #toString()} shows neither.
 */
public record TokenPair(
    StaffPrincipal principal,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt) {
  @Override
  public String toString() {
    return "TokenPair[principal="
        + principal
        + ", accessToken=***, accessTokenExpiresAt="
        + accessTokenExpiresAt
        + ", refreshToken=***, refreshTokenExpiresAt="
        + refreshTokenExpiresAt
        + "]";
  }
}
