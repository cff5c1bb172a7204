package io.civicline.mobileapi.auth;

/** Too many wrong passwords for this account or client lately: try again later. */
public final class TooManyAttempts extends RuntimeException {
  public TooManyAttempts() {
    super("too many wrong passwords; try again later", null, false, false);
  }
}
