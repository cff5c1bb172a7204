package io.civicline.voicemail.ingest;

/**
 * Checks that fetched audio is what the channel said it recorded, before it is kept. A bad file
 * fails the ingest, so the carrier retries instead of a broken message being stored.
 */
@FunctionalInterface
public interface AudioCheck {
  /** Throws when the audio is unusable; answers its real length in seconds. */
  int verify(byte[] audio, int expectedSeconds);
}
