package io.civicline.voicemail.export;

/** An export could not be completed; its output is incomplete and must be discarded. */
public final class ExportException extends RuntimeException {
  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
