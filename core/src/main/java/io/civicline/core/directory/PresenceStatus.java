package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a staff member can take calls now, set by admins or from the staff app. {@code since} is
 * when the status last changed (longest-idle ringing uses it); {@code until}, when given, is when
 * the status lapses and the member is available again (e.g. do-not-disturb until 2 pm). The id is
 * the staff member's id.
 */
public record PresenceStatus(String id, Status status, Instant since, Optional<Instant> until)
    implements DirectoryObject {
  public static final String COLLECTION = "presence";

  public enum Status {
    AVAILABLE,
    BUSY,
    AWAY,
    DO_NOT_DISTURB,
    OFFLINE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Status ofWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** The statuses as written in documents and APIs. */
  public static final List<String> WIRE =
      java.util.Arrays.stream(Status.values()).map(Status::wire).toList();

  public PresenceStatus(String id, Status status, Instant since) {
    this(id, status, since, Optional.empty());
  }

  /** The status in force at {@code now}: a lapsed one is available again (since it lapsed). */
  public PresenceStatus at(Instant now) {
    if (until.isPresent() && !now.isBefore(until.get())) {
      return new PresenceStatus(id, Status.AVAILABLE, until.get(), Optional.empty());
    }
    return this;
  }

  public static PresenceStatus parse(String id, ObjectReader in, Instant now) {
    String status =
        in.string(
            "status",
            true,
            16,
            text ->
                WIRE.contains(text)
                    ? null
                    : "must be available, busy, away, do-not-disturb or offline");
    in.has("since");
    String until =
        in.string(
            "until",
            false,
            40,
            text -> {
              try {
                Instant.parse(text);
                return null;
              } catch (java.time.format.DateTimeParseException e) {
                return "must be a UTC date-time, e.g. 2026-11-24T19:00:00Z";
              }
            });
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    Object since = in.json().getValue("since");
    Instant at = since instanceof String text ? parseOr(text, now) : now;
    return new PresenceStatus(
        id, Status.ofWire(status), at, Optional.ofNullable(until).map(Instant::parse));
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
    JsonObject json = new JsonObject().put("status", status.wire()).put("since", since.toString());
    until.ifPresent(at -> json.put("until", at.toString()));
    return json;
  }

  /** Presence names a staff member; it must exist. */
  @Override
  public List<io.civicline.core.store.Ref> references() {
    return List.of(new io.civicline.core.store.Ref(StaffMember.COLLECTION, id, "#"));
  }
}
