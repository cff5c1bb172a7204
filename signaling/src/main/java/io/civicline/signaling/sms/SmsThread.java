package io.civicline.signaling.sms;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The conversation of one resident with one department of a town. Replies leave from {@code
 * townNumber}, the number the resident last texted.
 *
 * <p>Staff triage it like a voicemail: {@code assignedTo}, {@code handled} (with {@code handledAt})
 * and a {@code note}, changed only at its {@code version}; a new text from the resident reopens a
 * handled thread.
 */
public record SmsThread(
    String id,
    String department,
    String resident,
    String townNumber,
    String language,
    String lastMessageId,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> assignedTo,
    boolean handled,
    Optional<String> note,
    Optional<Instant> handledAt,
    long version) {

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
        Instant.ofEpochMilli(Long.parseLong(h.get("updatedAt"))),
        Optional.ofNullable(h.get("assignedTo")),
        "handled".equals(h.get("status")),
        Optional.ofNullable(h.get("note")),
        Optional.ofNullable(h.get("handledAt")).map(at -> Instant.ofEpochMilli(Long.parseLong(at))),
        Long.parseLong(h.getOrDefault("version", "0")));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("department", department)
            .put("resident", resident)
            .put("townNumber", townNumber)
            .put("language", language)
            .put("lastMessageId", lastMessageId)
            .put("createdAt", createdAt.toString())
            .put("updatedAt", updatedAt.toString())
            .put("status", handled ? "handled" : "open")
            .put("version", version);
    assignedTo.ifPresent(v -> json.put("assignedTo", v));
    note.ifPresent(v -> json.put("note", v));
    handledAt.ifPresent(v -> json.put("handledAt", v.toString()));
    return json;
  }
}
