package io.civicline.mobileapi.auth;

/**
 * An access or refresh token refused: forged, expired, malformed or of a revoked session. The
 * reason is for the server's debug log only; clients hear the same for all of them.
 */
public final class InvalidToken extends RuntimeException {
  private final boolean refresh;

  private InvalidToken(String reason, boolean refresh) {
    super(reason, null, false, false);
    this.refresh = refresh;
  }

  public static InvalidToken access(String reason) {
    return new InvalidToken(reason, false);
  }

  public static InvalidToken refresh(String reason) {
    return new InvalidToken(reason, true);
  }

  /** Whether a refresh token (rather than an access token) was refused. */
  public boolean isRefresh() {
    return refresh;
  }
}
