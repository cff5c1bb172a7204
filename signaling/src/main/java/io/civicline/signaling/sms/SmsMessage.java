package io.civicline.signaling.sms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One text of a thread, as stored.
 *
 * @param status inbound: {@code received}; outbound: {@code pending} (in CivicLine's queue), then
 *     Twilio's {@code queued}, {@code sending}, {@code sent}, {@code delivered}, {@code
 *     undelivered} or {@code failed}
 * @param kind {@code text}, or for platform texts {@code auto-reply}, {@code help}, {@code start};
 *     an inbound STOP/START/HELP is {@code stop}/{@code start}/{@code help}
 * @param author who wrote an outbound text: a staff id, or {@code system}
 * @param media attachments of an MMS: {@code [{sid, contentType, bytes, sha256, key}]}, or {@code
 *     {sid, error}} when one could not be kept
 */
public record SmsMessage(
    String id,
    String threadId,
    Direction direction,
    String from,
    String to,
    String body,
    String status,
    String kind,
    Optional<String> author,
    Optional<String> twilioSid,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    JsonArray media,
    Instant createdAt,
    Instant updatedAt) {

  public enum Direction {
    INBOUND,
    OUTBOUND;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static SmsMessage fromHash(Map<String, String> h) {
    return new SmsMessage(
        h.get("id"),
        h.get("thread"),
        Direction.valueOf(h.get("direction").toUpperCase(java.util.Locale.ROOT)),
        h.get("from"),
        h.get("to"),
        h.getOrDefault("body", ""),
        h.get("status"),
        h.getOrDefault("kind", "text"),
        Optional.ofNullable(h.get("author")),
        Optional.ofNullable(h.get("twilioSid")),
        Optional.ofNullable(h.get("errorCode")),
        Optional.ofNullable(h.get("errorMessage")),
        new JsonArray(h.getOrDefault("media", "[]")),
        Instant.ofEpochMilli(Long.parseLong(h.get("createdAt"))),
        Instant.ofEpochMilli(Long.parseLong(h.get("updatedAt"))));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("threadId", threadId)
            .put("direction", direction.wire())
            .put("from", from)
            .put("to", to)
            .put("body", body)
            .put("status", status)
            .put("kind", kind)
            .put("media", media.copy())
            .put("createdAt", createdAt.toString())
            .put("updatedAt", updatedAt.toString());
    author.ifPresent(value -> json.put("author", value));
    twilioSid.ifPresent(value -> json.put("twilioSid", value));
    errorCode.ifPresent(value -> json.put("errorCode", value));
    errorMessage.ifPresent(value -> json.put("errorMessage", value));
    return json;
  }
}
