package io.civicline.signaling.sms;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * The conversation of one resident with one department of a town. Replies leave from {@code
 * townNumber}, the number the resident last texted.
 */
public record SmsThread(
    String id,
    String department,
    String resident,
    String townNumber,
    String language,
    String lastMessageId,
    Instant createdAt,
    Instant updatedAt) {

  /** {@code public-works.12075550123}: department slugs have no dots, so the id splits back. */
  public static String id(String department, String resident) {
    return department + "." + resident.replace("+", "");
  }

  static SmsThread fromHash(Map<String, String> h) {
    return new SmsThread(
        h.get("id"),
        h.get("department"),
        h.get("resident"),
        h.get("townNumber"),
        h.get("language"),
        h.get("lastMessage"),
        Instant.ofEpochMilli(Long.parseLong(h.get("createdAt"))),
        Instant.ofEpochMilli(Long.parseLong(h.get("updatedAt"))));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("department", department)
        .put("resident", resident)
        .put("townNumber", townNumber)
        .put("language", language)
        .put("lastMessageId", lastMessageId)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
