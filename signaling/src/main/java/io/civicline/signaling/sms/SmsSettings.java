package io.civicline.signaling.sms;

import java.time.Duration;
import java.util.Set;

/**
 * How texting behaves.
 *
 * @param publicBaseUrl the URL Twilio reaches this deployment at (status callbacks are built on it)
 * @param pacePerNumber the least time between two texts from one number: 1 s for a US long code
 * @param sendLease how long a sender may take over one text before another sender takes it back
 * @param tick how often the sender looks for due texts
 * @param maxAttempts sends tried before a text is marked failed (retryable errors only)
 * @param firstBackoff the wait after the first retryable failure, doubled each time up to {@code
 *     maxBackoff}
 * @param autoReplyGap at most one "we are closed" text per thread within this time
 * @param conversationWindow a text without keywords within this time of the last exchange goes to
 *     the same department
 * @param maxMediaBytes the largest attachment kept
 * @param mediaTypes attachment content types kept; others are recorded as refused
 */
public record SmsSettings(
    String publicBaseUrl,
    Duration pacePerNumber,
    Duration sendLease,
    Duration tick,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration autoReplyGap,
    Duration conversationWindow,
    long maxMediaBytes,
    Set<String> mediaTypes) {

  public static final Set<String> DEFAULT_MEDIA_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf");

  public SmsSettings {
    publicBaseUrl =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
    mediaTypes = Set.copyOf(mediaTypes);
  }

  /** The defaults for US long codes. */
  public static SmsSettings defaults(String publicBaseUrl) {
    return new SmsSettings(
        publicBaseUrl,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMillis(200),
        8,
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        Duration.ofHours(12),
        Duration.ofDays(3),
        5L * 1024 * 1024,
        DEFAULT_MEDIA_TYPES);
  }

  /** Where Twilio reports the delivery of one text. */
  String statusCallback(String tenant, String messageId) {
    return publicBaseUrl + SmsWebhooks.PREFIX + "/" + tenant + "/status/" + messageId;
  }

  /** The wait before attempt {@code attempt + 1}. */
  Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
