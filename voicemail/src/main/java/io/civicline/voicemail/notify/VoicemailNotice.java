package io.civicline.voicemail.notify;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the people behind a mailbox are told when a message arrives. Every field is ready to show;
 * formatting (local time, phone number, length) is the notifier's job.
 *
 * @param tenant the tenant id, e.g. {@code lakeside}
 * @param townName e.g. {@code Town of Lakeside}
 * @param mailbox e.g. {@code department:clerk} or {@code staff:maria-gonzalez}
 * @param mailboxName the mailbox's display name, e.g. {@code Township Clerk}
 * @param messageId the voicemail message's id
 * @param callerNumber as the carrier gave it, normally E.164; may be blank or {@code anonymous}
 * @param townZone the zone the town lives in, for showing when the message came
 * @param callerLanguage the language the caller used, a BCP 47 tag such as {@code es}
 * @param link where staff open the message (staff API or console)
 */
public record VoicemailNotice(
    String tenant,
    String townName,
    String mailbox,
    String mailboxName,
    String messageId,
    String callerNumber,
    Instant receivedAt,
    ZoneId townZone,
    int durationSeconds,
    String callerLanguage,
    Optional<String> transcript,
    URI link) {

  public VoicemailNotice {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(townName, "townName");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(mailboxName, "mailboxName");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(callerNumber, "callerNumber");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(townZone, "townZone");
    Objects.requireNonNull(callerLanguage, "callerLanguage");
    Objects.requireNonNull(link, "link");
    // a blank transcript (silence, failed recognition) is no transcript
    transcript = Objects.requireNonNull(transcript, "transcript").filter(t -> !t.isBlank());
    if (durationSeconds < 0) {
      throw new IllegalArgumentException("a duration cannot be negative: " + durationSeconds);
    }
    String scheme = link.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("the link must be an http(s) URL: " + link);
    }
  }
}
