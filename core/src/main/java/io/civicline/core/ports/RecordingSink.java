package io.civicline.core.ports;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Where a channel hands a finished voicemail recording. The channel answers the carrier only after
 * {@link #accept} succeeded, so a failure makes the carrier retry and nothing is lost; the same
 * recording may therefore arrive more than once and must become one message.
 */
public interface RecordingSink {

  /**
   * A recording ready to fetch.
   *
   * @param mailbox {@code department:<id>} or {@code staff:<id>}
   * @param source the channel's id for it, e.g. {@code twilio:RE...}
   * @param seconds the duration the channel reported
   */
  record Recording(
      String tenant,
      String mailbox,
      String callId,
      String from,
      String source,
      int seconds,
      String language,
      Instant receivedAt) {}

  /** Gets the audio from wherever the channel left it (a carrier's API, a local file). */
  @FunctionalInterface
  interface AudioSource {
    Future<byte[]> fetch();
  }

  Future<Void> accept(Recording recording, AudioSource audio);
}
