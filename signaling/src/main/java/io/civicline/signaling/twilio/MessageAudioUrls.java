package io.civicline.signaling.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring URLs for Twilio to fetch a voicemail message's audio while staff listen by
 * phone. Twilio fetches {@code <Play>} URLs with a plain GET and no {@code X-Twilio-Signature}, so
 * the URL carries its own: HMAC-SHA256, keyed with the account's auth token, over tenant, message
 * id and expiry.
 */
final class MessageAudioUrls {
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final String ALGORITHM = "HmacSHA256";

  private final String publicBase;
  private final SecretKeySpec key;

  MessageAudioUrls(String publicBase, String authToken) {
    this.publicBase = publicBase;
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The path the route is mounted at, relative to the webhooks' prefix. */
  static String route() {
    return CallUrls.PREFIX + "/:tenant/messages/:id/audio";
  }

  String url(String tenant, String messageId, Instant now) {
    long exp = now.plus(LIFETIME).getEpochSecond();
    return publicBase
        + CallUrls.PREFIX
        + "/"
        + tenant
        + "/messages/"
        + messageId
        + "/audio?exp="
        + exp
        + "&sig="
        + sign(tenant, messageId, exp);
  }

  /** Whether {@code sig} is ours for these values and {@code exp} is still ahead of {@code now}. */
  boolean valid(String tenant, String messageId, String exp, String sig, Instant now) {
    if (tenant == null || messageId == null || exp == null || sig == null) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (now.getEpochSecond() >= expires) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(tenant, messageId, expires).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(String tenant, String messageId, long exp) {
    return signed("voicemail-audio\n" + tenant + "\n" + messageId + "\n" + exp);
  }

  /** The path of mailbox greetings, relative to the webhooks' prefix. */
  static String greetingRoute() {
    return CallUrls.PREFIX + "/:tenant/greetings/:mailbox/:language/:sha/audio";
  }

  /** A signed, expiring URL of a mailbox's uploaded greeting (its checksum is in the path). */
  String greetingUrl(String tenant, String mailbox, String language, String sha256, Instant now) {
    long exp = now.plus(LIFETIME).getEpochSecond();
    return publicBase
        + CallUrls.PREFIX
        + "/"
        + tenant
        + "/greetings/"
        + mailbox.replace(':', '-')
        + "/"
        + language
        + "/"
        + sha256
        + "/audio?exp="
        + exp
        + "&sig="
        + signed(greetingPayload(tenant, mailbox.replace(':', '-'), language, sha256, exp));
  }

  boolean validGreeting(
      String tenant,
      String mailboxId,
      String language,
      String sha256,
      String exp,
      String sig,
      Instant now) {
    if (tenant == null
        || mailboxId == null
        || language == null
        || sha256 == null
        || exp == null
        || sig == null) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return false;
    }
    return now.getEpochSecond() < expires
        && MessageDigest.isEqual(
            signed(greetingPayload(tenant, mailboxId, language, sha256, expires))
                .getBytes(StandardCharsets.US_ASCII),
            sig.getBytes(StandardCharsets.US_ASCII));
  }

  private static String greetingPayload(
      String tenant, String mailboxId, String language, String sha256, long exp) {
    return "voicemail-greeting\n"
        + tenant
        + "\n"
        + mailboxId
        + "\n"
        + language
        + "\n"
        + sha256
        + "\n"
        + exp;
  }

  private String signed(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
