package io.civicline.core.directory;

import java.time.DayOfWeek;
import java.time.Month;
import java.util.Objects;

/**
 * The nth weekday of a month (4th Thursday of November), or the last one when {@code nth} is {@link
 * #LAST}, moved by {@code offsetDays} (the day after Thanksgiving is offset 1). A 5th weekday that
 * a month lacks in some year gives no holiday that year.
 */
public record NthWeekdayRule(
    String name, Month month, DayOfWeek weekday, int nth, int offsetDays, ActiveYears years)
    implements HolidayRule {
  public static final int LAST = -1;
  public static final int MAX_OFFSET_DAYS = 7;

  public NthWeekdayRule {
    RuleChecks.name(name);
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(weekday, "weekday");
    Objects.requireNonNull(years, "years");
    if (nth != LAST) {
      RuleChecks.range("nth", nth, 1, 5);
    }
    RuleChecks.range("offsetDays", offsetDays, -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS);
  }
}
