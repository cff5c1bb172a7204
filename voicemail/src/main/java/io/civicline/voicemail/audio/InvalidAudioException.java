package io.civicline.voicemail.audio;

/**
 * Audio bytes that cannot be read: not a WAV file, a damaged header, or a format we do not decode.
 * The message says which, in words a person uploading a file can act on.
 */
public class InvalidAudioException extends IllegalArgumentException {
  public InvalidAudioException(String message) {
    super(message);
  }
}
