package io.civicline.routing.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day off. {@code observed} marks the weekday on which a holiday whose real date falls on a
 * weekend is observed; its name then reads e.g. "Independence Day (observed)". {@code calendarId}
 * is the calendar whose rule gave the holiday.
 */
public record Holiday(String name, LocalDate date, boolean observed, String calendarId) {
  static final String OBSERVED_SUFFIX = " (observed)";

  public Holiday {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(calendarId, "calendarId");
  }
}
