package io.civicline.voicemail.notify;

/**
 * A notice could not be delivered. {@link #temporary()} tells a caller whether trying again later
 * may help (server busy, connection lost) or not (login refused, mailbox unknown).
 */
public final class NotificationException extends RuntimeException {
  private final boolean temporary;

  public NotificationException(String message, boolean temporary, Throwable cause) {
    super(message, cause);
    this.temporary = temporary;
  }

  public boolean temporary() {
    return temporary;
  }
}
