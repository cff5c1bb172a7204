package io.civicline.signaling.asterisk.ami;

/** Connection life cycle of one {@link AmiClient}; called on its Vert.x context, must not block. */
public interface AmiConnectionListener {
  /** A new connection is logged in (first connect and every reconnect). */
  default void loggedIn(AmiClient client) {}

  /**
   * The logged-in connection ended, or an attempt failed ({@code cause}: {@link AmiLoginException},
   * {@link AmiProtocolException}, an I/O error; null when the peer closed cleanly).
   */
  default void disconnected(AmiClient client, Throwable cause) {}
}
