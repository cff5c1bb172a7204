package io.civicline.voicemail.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.message.VoicemailMessage.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionPolicyTest {
  private static final Instant RECEIVED = Instant.parse("2026-05-01T14:30:00Z");
  private static final Instant HANDLED = Instant.parse("2026-08-01T09:00:00Z");
  private static final Optional<Duration> NONE = Optional.empty();

  private static Optional<Duration> days(long days) {
    return Optional.of(Duration.ofDays(days));
  }

  static VoicemailMessage message(Status status, Optional<Instant> handledAt, boolean legalHold) {
    return new VoicemailMessage(
        "vm-1",
        "department:clerk",
        "CA1",
        "+12075550123",
        RECEIVED,
        5,
        "en",
        "lakeside/vm-1.wav",
        "00",
        1,
        "twilio:RE1",
        status,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        legalHold,
        handledAt,
        1);
  }

  static Stream<Arguments> table() {
    Optional<Instant> handled = Optional.of(HANDLED);
    Optional<Instant> never = Optional.empty();
    String after90Handled = "retention: 90 days after handled (handled 2026-08-01)";
    String after365Received = "retention: 365 days after received (received 2026-05-01)";
    return Stream.of(
        // name, after handled, after received, status, handledAt, hold, now, expected reason
        Arguments.of(
            "no rules keep everything",
            NONE,
            NONE,
            Status.HANDLED,
            handled,
            false,
            "2036-01-01T00:00:00Z",
            null),
        Arguments.of(
            "handled rule, not yet due",
            days(90),
            NONE,
            Status.HANDLED,
            handled,
            false,
            "2026-10-30T08:59:59Z",
            null),
        Arguments.of(
            "handled rule, due to the second",
            days(90),
            NONE,
            Status.HANDLED,
            handled,
            false,
            "2026-10-30T09:00:00Z",
            after90Handled),
        Arguments.of(
            "handled rule does not apply to a new message",
            days(90),
            NONE,
            Status.NEW,
            never,
            false,
            "2036-01-01T00:00:00Z",
            null),
        Arguments.of(
            "handled rule does not apply to a heard message",
            days(90),
            NONE,
            Status.HEARD,
            handled,
            false,
            "2036-01-01T00:00:00Z",
            null),
        Arguments.of(
            "handled without a handled time falls back to received",
            days(90),
            days(365),
            Status.HANDLED,
            never,
            false,
            "2027-05-01T14:30:00Z",
            after365Received),
        Arguments.of(
            "a new message is due by received",
            days(90),
            days(365),
            Status.NEW,
            never,
            false,
            "2027-05-01T14:30:00Z",
            after365Received),
        Arguments.of(
            "a heard message is kept until received is due",
            days(90),
            days(365),
            Status.HEARD,
            never,
            false,
            "2027-05-01T14:29:59Z",
            null),
        Arguments.of(
            "handled: handled rule comes first",
            days(90),
            days(365),
            Status.HANDLED,
            handled,
            false,
            "2026-10-30T09:00:00Z",
            after90Handled),
        Arguments.of(
            "handled: received rule comes first",
            days(300),
            days(120),
            Status.HANDLED,
            handled,
            false,
            "2026-08-29T14:30:00Z",
            "retention: 120 days after received (received" + " 2026-05-01)"),
        Arguments.of(
            "handled: neither due yet",
            days(300),
            days(365),
            Status.HANDLED,
            handled,
            false,
            "2027-04-30T00:00:00Z",
            null),
        Arguments.of(
            "legal hold: never due",
            days(1),
            days(1),
            Status.HANDLED,
            handled,
            true,
            "2036-01-01T00:00:00Z",
            null),
        Arguments.of(
            "hours are named as hours",
            Optional.of(Duration.ofHours(36)),
            NONE,
            Status.HANDLED,
            handled,
            false,
            "2026-08-02T21:00:00Z",
            "retention: 36 hours after handled (handled 2026-08-01)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void expiry(
      String name,
      Optional<Duration> afterHandled,
      Optional<Duration> afterReceived,
      Status status,
      Optional<Instant> handledAt,
      boolean hold,
      String now,
      String expected) {
    RetentionPolicy policy = new RetentionPolicy(afterHandled, afterReceived);
    assertThat(policy.expiryReason(message(status, handledAt, hold), Instant.parse(now)))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void aHeldMessageWouldBeDueButIsNot() {
    RetentionPolicy policy = new RetentionPolicy(days(1), NONE);
    VoicemailMessage held = message(Status.HANDLED, Optional.of(HANDLED), true);
    Instant later = HANDLED.plus(Duration.ofDays(2));
    assertThat(policy.expiryReason(held, later)).isEmpty();
    assertThat(policy.expiryReasonDisregardingHold(held, later))
        .contains("retention: 1 day after handled (handled 2026-08-01)");
  }

  @Test
  void durationsMustBePositive() {
    assertThatThrownBy(() -> new RetentionPolicy(Optional.of(Duration.ZERO), NONE))
        .hasMessageContaining("keepAfterHandled");
    assertThatThrownBy(() -> new RetentionPolicy(NONE, Optional.of(Duration.ofDays(-1))))
        .hasMessageContaining("keepAfterReceived");
  }
}
