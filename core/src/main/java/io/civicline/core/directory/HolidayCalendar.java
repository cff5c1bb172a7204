package io.civicline.core.directory;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named set of holiday rules that may inherit the holidays of a parent calendar (a town from its
 * state, a department from its town). {@code exclude} names inherited holidays this calendar does
 * not observe, such as a town that works on Columbus Day.
 */
public record HolidayCalendar(
    String id,
    String name,
    Optional<CalendarRef> parent,
    List<HolidayRule> rules,
    List<String> exclude)
    implements DirectoryObject {
  public static final String COLLECTION = "holiday-calendars";
  public static final int MAX_RULES = 100;
  public static final int MAX_NAME_LENGTH = 100;

  public HolidayCalendar {
    Objects.requireNonNull(id, "id");
    if (Formats.slug(id) != null) {
      throw new IllegalArgumentException("Invalid calendar id: " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
    rules = List.copyOf(rules);
    exclude = List.copyOf(exclude);
    requireUniqueNames(rules);
  }

  /**
   * Reads a calendar from a request body, recording every problem in {@code errors} with its JSON
   * Pointer; returns {@code null} when there was any.
   *
   * @param id the id the caller assigns (e.g. from the URL); the body may repeat it in an {@code
   *     id} field. When {@code null}, the body's {@code id} is required and used.
   */
  public static HolidayCalendar fromJson(String id, JsonObject body, FieldErrors errors) {
    return HolidayCalendarCodec.read(id, body, errors);
  }

  /**
   * Like {@link #fromJson(String, JsonObject, FieldErrors)}, for input that should be valid.
   *
   * @throws io.civicline.core.validation.InvalidInputException listing every problem
   */
  public static HolidayCalendar fromJson(String id, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    HolidayCalendar calendar = fromJson(id, body, errors);
    errors.throwIfAny();
    return calendar;
  }

  public JsonObject toJson() {
    return HolidayCalendarCodec.write(this);
  }

  @Override
  public List<io.civicline.core.store.Ref> references() {
    return CalendarRef.tenantRefs(parent, "#/parent");
  }

  @Override
  public List<io.civicline.core.store.Ref> sharedReferences() {
    return CalendarRef.sharedRefs(parent, "#/parent");
  }

  private static void requireUniqueNames(List<HolidayRule> rules) {
    Set<String> names = new HashSet<>();
    for (HolidayRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("Duplicate holiday name: " + rule.name());
      }
    }
  }
}
