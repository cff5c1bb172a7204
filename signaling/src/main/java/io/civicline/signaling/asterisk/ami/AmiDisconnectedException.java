package io.civicline.signaling.asterisk.ami;

/**
 * The action could not be answered because there is no logged-in manager connection, or the
 * connection was lost before the answer came. The action may or may not have been carried out.
 */
public final class AmiDisconnectedException extends RuntimeException {
  public AmiDisconnectedException(String message) {
    super(message);
  }
}
