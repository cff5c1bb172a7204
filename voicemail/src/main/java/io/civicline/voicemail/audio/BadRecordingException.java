package io.civicline.voicemail.audio;

/** A recording from a carrier that we will not store, with the reason. */
public class BadRecordingException extends IllegalArgumentException {
  public BadRecordingException(String message) {
    super(message);
  }

  public BadRecordingException(String message, Throwable cause) {
    super(message, cause);
  }
}
