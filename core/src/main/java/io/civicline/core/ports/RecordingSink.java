package io.civicline.core.ports;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Where a channel hands a finished voicemail recording. The channel answers the carrier only after
 * {@link #accept} succeeded, so a failure makes the carrier retry and nothing is lost.
 */
public interface RecordingSink {

  /**
   * A recording ready to fetch.
   *
   * @param mailbox {@code department:<id>} or {@code staff:<id>}
   * @param recordingId the carrier's id; the same recording may be handed over more than once
   */
  record Recording(
      String tenant,
      String mailbox,
      String callId,
      String from,
      String recordingId,
      String url,
      int seconds,
      String language,
      Instant receivedAt) {}

  Future<Void> accept(Recording recording);
}
