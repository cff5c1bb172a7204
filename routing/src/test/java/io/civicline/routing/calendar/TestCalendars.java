package io.civicline.routing.calendar;

import io.civicline.core.directory.BuiltInCalendars;
import io.civicline.core.directory.HolidayCalendar;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Calendars for the tests, written as admins would: federal -> state (Maine) -> two towns -> one
 * department each. Lakeside works on Columbus Day; Hillview keeps it.
 */
final class TestCalendars {
  static final HolidayCalendar FEDERAL = BuiltInCalendars.usFederal();

  static final HolidayCalendar MAINE =
      parse(
          """
          {"id": "maine", "name": "State of Maine", "parent": "shared:us-federal",
           "rules": [
             {"name": "Patriots' Day", "type": "nth-weekday", "month": 4, "weekday": "monday",
              "nth": 3}]}
          """);

  static final HolidayCalendar LAKESIDE =
      parse(
          """
          {"id": "lakeside", "name": "Lakeside Town Hall", "parent": "shared:maine",
           "exclude": ["Columbus Day"],
           "rules": [
             {"name": "Day after Thanksgiving", "type": "nth-weekday", "month": 11,
              "weekday": "thursday", "nth": 4, "offsetDays": 1}]}
          """);

  static final HolidayCalendar LAKESIDE_LIBRARY =
      parse(
          """
          {"id": "lakeside-library", "name": "Lakeside Library", "parent": "lakeside",
           "rules": [
             {"name": "Snow make-up closure", "type": "date", "date": "2026-12-24"},
             {"name": "Staff training day", "type": "date", "date": "2026-07-03"}]}
          """);

  static final HolidayCalendar HILLVIEW =
      parse(
          """
          {"id": "hillview", "name": "Hillview Town Hall", "parent": "shared:maine",
           "rules": [
             {"name": "Founders Day", "type": "fixed", "month": 8, "day": 15,
              "observed": "next-monday"},
             {"name": "Evacuation Day", "type": "fixed", "month": 3, "day": 17,
              "observed": "sunday-to-monday"},
             {"name": "Good Friday", "type": "easter", "offsetDays": -2},
             {"name": "Christmas Day", "type": "fixed", "month": 12, "day": 25,
              "observed": "next-monday"},
             {"name": "Boxing Day", "type": "fixed", "month": 12, "day": 26, "observed": "none"}]}
          """);

  static final HolidayCalendar HILLVIEW_CLERK =
      parse(
          """
          {"id": "hillview-clerk", "name": "Hillview Town Clerk", "parent": "hillview"}
          """);

  /** Chains by the name of their nearest calendar, nearest first. */
  static final Map<String, List<HolidayCalendar>> CHAINS =
      Map.of(
          "federal", List.of(FEDERAL),
          "maine", List.of(MAINE, FEDERAL),
          "lakeside", List.of(LAKESIDE, MAINE, FEDERAL),
          "lakeside-library", List.of(LAKESIDE_LIBRARY, LAKESIDE, MAINE, FEDERAL),
          "hillview", List.of(HILLVIEW, MAINE, FEDERAL),
          "hillview-clerk", List.of(HILLVIEW_CLERK, HILLVIEW, MAINE, FEDERAL));

  private TestCalendars() {}

  static List<HolidayCalendar> chain(String nearest) {
    List<HolidayCalendar> chain = CHAINS.get(nearest);
    if (chain == null) {
      throw new IllegalArgumentException("No test chain " + nearest);
    }
    return chain;
  }

  private static HolidayCalendar parse(String json) {
    return HolidayCalendar.fromJson(null, new JsonObject(json));
  }
}
