package io.civicline.ops;

import io.civicline.ops.support.RunningServer;
import io.civicline.signaling.store.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Writes call records as the Twilio channel would, for tests of the call-record routes. */
final class Cdrs {
  private Cdrs() {}

  static CallRecord record(String id, String from, String to, Instant startedAt, String outcome) {
    return new CallRecord(
        id,
        "twilio",
        from,
        to,
        "lakeside-main",
        1,
        startedAt,
        outcome.equals("answered") ? Optional.of(startedAt.plusSeconds(10)) : Optional.empty(),
        startedAt.plusSeconds(90),
        List.of("welcome", "office-hours", "main-menu"),
        outcome.equals("answered") ? Optional.of("maria-gonzalez") : Optional.empty(),
        outcome,
        0,
        "en",
        List.of(),
        List.of());
  }

  static void put(RunningServer server, String tenant, CallRecord record) {
    try {
      server
          .server()
          .callRecords()
          .put(tenant, record)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
