package io.civicline.core.directory;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Holiday calendars that ship with CivicLine and that tenants refer to as {@code shared:<id>}. */
public final class BuiltInCalendars {
  private static final String US_FEDERAL = "us-federal-holidays.json";

  private BuiltInCalendars() {}

  /** The US federal holidays of 5 U.S.C. 6103, with their weekday observances. */
  public static HolidayCalendar usFederal() {
    return UsFederal.CALENDAR;
  }

  /** Parsed on first use; the resource goes through the same codec as admins' calendars. */
  private static final class UsFederal {
    static final HolidayCalendar CALENDAR = load(US_FEDERAL);
  }

  private static HolidayCalendar load(String resource) {
    try (InputStream in = BuiltInCalendars.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing built-in calendar resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return HolidayCalendar.fromJson(null, new JsonObject(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
