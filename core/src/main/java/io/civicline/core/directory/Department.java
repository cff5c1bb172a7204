package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A department of the town (Clerk, Treasurer, ...): its weekly business hours in the town's time
 * zone and the holiday calendar it observes (the town's when it names none).
 */
public record Department(
    String id,
    String name,
    Optional<String> description,
    WeeklyHours hours,
    Optional<CalendarRef> holidayCalendar)
    implements DirectoryObject {

  public static final String COLLECTION = "departments";

  public static Department parse(String id, ObjectReader in) {
    String name = in.string("name", true, 120);
    String description = in.string("description", false, 500);
    ObjectReader hoursReader = in.object("hours", false);
    WeeklyHours hours =
        hoursReader == null ? WeeklyHours.CLOSED : WeeklyHours.fromJson(hoursReader);
    CalendarRef calendar = CalendarRef.read(in, "holidayCalendar");
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new Department(
        id, name, Optional.ofNullable(description), hours, Optional.ofNullable(calendar));
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name);
    description.ifPresent(text -> json.put("description", text));
    json.put("hours", hours.toJson());
    holidayCalendar.ifPresent(ref -> json.put("holidayCalendar", ref.toString()));
    return json;
  }

  @Override
  public List<Ref> references() {
    return CalendarRef.tenantRefs(holidayCalendar, "#/holidayCalendar");
  }

  @Override
  public List<Ref> sharedReferences() {
    return CalendarRef.sharedRefs(holidayCalendar, "#/holidayCalendar");
  }
}
