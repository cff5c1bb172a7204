package io.civicline.core.directory;

/**
 * How to find one named holiday in a year. The dates themselves are worked out by the routing
 * module; this is the model that admins edit and the codec reads.
 */
public sealed interface HolidayRule
    permits FixedDateRule, NthWeekdayRule, EasterRule, SpecificDateRule {
  int MAX_NAME_LENGTH = 100;

  /** The holiday's name, unique within a calendar; {@code exclude} lists refer to it. */
  String name();

  ActiveYears years();

  /** Whether the rule yields a holiday in {@code year} (the year of its actual date). */
  default boolean activeIn(int year) {
    return years().includes(year);
  }
}
