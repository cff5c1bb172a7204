package io.civicline.signaling.asterisk.ami;

/** Asterisk refused the manager login (wrong user or secret, or not permitted from here). */
public final class AmiLoginException extends RuntimeException {
  public AmiLoginException(String message) {
    super(message);
  }
}
