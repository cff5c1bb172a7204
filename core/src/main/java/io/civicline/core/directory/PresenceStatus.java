package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Whether a staff member can take calls now. Until the mobile app sets it, admins set it through
 * the API. {@code since} is when the status last changed (longest-idle ringing uses it). The id is
 * the staff member's id.
 */
public record PresenceStatus(String id, Status status, Instant since) implements DirectoryObject {
  public static final String COLLECTION = "presence";

  public enum Status {
    AVAILABLE,
    BUSY,
    AWAY,
    OFFLINE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static PresenceStatus parse(String id, ObjectReader in, Instant now) {
    String status =
        in.string(
            "status",
            true,
            16,
            text ->
                List.of("available", "busy", "away", "offline").contains(text)
                    ? null
                    : "must be available, busy, away or offline");
    in.has("since");
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    Object since = in.json().getValue("since");
    Instant at = since instanceof String text ? parseOr(text, now) : now;
    return new PresenceStatus(id, Status.valueOf(status.toUpperCase(Locale.ROOT)), at);
  }

  private static Instant parseOr(String text, Instant fallback) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return fallback;
    }
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("status", status.wire()).put("since", since.toString());
  }

  /** Presence names a staff member; it must exist. */
  @Override
  public List<io.civicline.core.store.Ref> references() {
    return List.of(new io.civicline.core.store.Ref(StaffMember.COLLECTION, id, "#"));
  }
}
