package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's switch to "closed" (snow day, emergency) for one department or the whole town, with a
 * message per language and an end time after which it lapses by itself.
 */
public record Closure(
    String id,
    Optional<String> department,
    Map<String, String> message,
    Instant startsAt,
    Instant endsAt)
    implements DirectoryObject {

  public static final String COLLECTION = "closures";

  public Closure {
    message = Map.copyOf(message);
  }

  /**
   * Reads a closure; a missing {@code startsAt} means now. {@code now} is passed in so reading
   * stays free of the clock.
   */
  public static Closure parse(String id, ObjectReader in, Instant now) {
    String department = in.string("department", false, 48, Formats::slug);
    Map<String, String> message = Texts.read(in, "message", true, 500);
    String starts = in.string("startsAt", false, 40, Closure::instantProblem);
    String ends = in.string("endsAt", true, 40, Closure::instantProblem);
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    Instant startsAt = starts == null ? now : Instant.parse(starts);
    Instant endsAt = Instant.parse(ends);
    if (!endsAt.isAfter(startsAt)) {
      in.errors().add(in.pointerOf("endsAt"), "must be after startsAt (" + startsAt + ")");
      return null;
    }
    return new Closure(id, Optional.ofNullable(department), message, startsAt, endsAt);
  }

  private static String instantProblem(String text) {
    try {
      Instant.parse(text);
      return null;
    } catch (DateTimeParseException e) {
      return "must be an ISO-8601 instant such as 2026-12-01T22:00:00Z";
    }
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    department.ifPresent(d -> json.put("department", d));
    return json.put("message", Texts.toJson(message))
        .put("startsAt", startsAt.toString())
        .put("endsAt", endsAt.toString());
  }

  @Override
  public List<Ref> references() {
    return department
        .map(d -> List.of(new Ref(Department.COLLECTION, d, "#/department")))
        .orElse(List.of());
  }
}
