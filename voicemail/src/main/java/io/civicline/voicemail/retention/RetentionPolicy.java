package io.civicline.voicemail.retention;

import io.civicline.voicemail.message.VoicemailMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a mailbox keeps its messages: {@code keepAfterHandled} counts from when staff marked a
 * message handled, {@code keepAfterReceived} from when it was left. A message that is not handled
 * is only due by {@code keepAfterReceived}; a handled one by whichever rule comes first. A message
 * on legal hold is never due. With neither rule, nothing is ever due.
 */
public record RetentionPolicy(
    Optional<Duration> keepAfterHandled, Optional<Duration> keepAfterReceived) {

  /** Keeps everything. */
  public static final RetentionPolicy KEEP_FOREVER =
      new RetentionPolicy(Optional.empty(), Optional.empty());

  public RetentionPolicy {
    Objects.requireNonNull(keepAfterHandled, "keepAfterHandled");
    Objects.requireNonNull(keepAfterReceived, "keepAfterReceived");
    keepAfterHandled.ifPresent(d -> requirePositive(d, "keepAfterHandled"));
    keepAfterReceived.ifPresent(d -> requirePositive(d, "keepAfterReceived"));
  }

  /**
   * Why {@code message} may be deleted at {@code now}, e.g. {@code "retention: 90 days after
   * handled (handled 2026-08-01)"}; empty while it must be kept, and always for a message on legal
   * hold. (A mailbox's hold is not part of the message; the sweeper and the store check it.)
   */
  public Optional<String> expiryReason(VoicemailMessage message, Instant now) {
    return message.legalHold() ? Optional.empty() : expiryReasonDisregardingHold(message, now);
  }

  /**
   * What {@link #expiryReason} would answer if {@code message} were not on legal hold: how the
   * sweeper tells held messages it had to keep from messages that are simply not due.
   */
  public Optional<String> expiryReasonDisregardingHold(VoicemailMessage message, Instant now) {
    Optional<Rule> byReceived =
        keepAfterReceived.map(keep -> new Rule("received", message.receivedAt(), keep));
    Optional<Rule> byHandled =
        message.status() == VoicemailMessage.Status.HANDLED
            ? keepAfterHandled.flatMap(
                keep -> message.handledAt().map(at -> new Rule("handled", at, keep)))
            : Optional.empty();
    Optional<Rule> first =
        byHandled.isEmpty()
            ? byReceived
            : byReceived.isEmpty()
                ? byHandled
                : Optional.of(
                    byReceived.get().expiry().isBefore(byHandled.get().expiry())
                        ? byReceived.get()
                        : byHandled.get());
    return first.filter(rule -> !now.isBefore(rule.expiry())).map(Rule::reason);
  }

  private record Rule(String event, Instant at, Duration keep) {
    Instant expiry() {
      return at.plus(keep);
    }

    String reason() {
      return "retention: "
          + describe(keep)
          + " after "
          + event
          + " ("
          + event
          + " "
          + at.atOffset(ZoneOffset.UTC).toLocalDate()
          + ")";
    }
  }

  /** {@code 90 days}, {@code 1 day}, {@code 36 hours}, or ISO-8601 for anything finer. */
  static String describe(Duration duration) {
    if (duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
      long days = duration.toDays();
      return days + (days == 1 ? " day" : " days");
    }
    if (duration.toSeconds() % 3_600 == 0 && duration.getNano() == 0) {
      long hours = duration.toHours();
      return hours + (hours == 1 ? " hour" : " hours");
    }
    return duration.toString();
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }
}
