package io.civicline.routing.calendar;

import io.civicline.core.directory.EasterRule;
import io.civicline.core.directory.FixedDateRule;
import io.civicline.core.directory.HolidayRule;
import io.civicline.core.directory.NthWeekdayRule;
import io.civicline.core.directory.Observance;
import io.civicline.core.directory.SpecificDateRule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** Works out on which days a rule falls. */
final class RuleDates {
  private RuleDates() {}

  /**
   * The real date of the rule's holiday of {@code year}, ignoring observance; empty when the rule
   * gives none that year (a one-off date of another year, a 5th weekday the month lacks).
   */
  static Optional<LocalDate> actualDate(HolidayRule rule, int year) {
    return switch (rule) {
      case FixedDateRule fixed -> Optional.of(fixed.date().atYear(year));
      case NthWeekdayRule nth -> nthWeekday(nth, year).map(day -> day.plusDays(nth.offsetDays()));
      case EasterRule easter -> Optional.of(EasterSunday.in(year).plusDays(easter.offsetDays()));
      case SpecificDateRule date ->
          date.date().getYear() == year ? Optional.of(date.date()) : Optional.empty();
    };
  }

  /** The weekday on which a holiday falling on {@code actual} is observed. */
  static LocalDate observedDate(Observance observance, LocalDate actual) {
    DayOfWeek day = actual.getDayOfWeek();
    return switch (observance) {
      case NONE -> actual;
      case NEAREST_WEEKDAY ->
          day == DayOfWeek.SATURDAY
              ? actual.minusDays(1)
              : day == DayOfWeek.SUNDAY ? actual.plusDays(1) : actual;
      case NEXT_MONDAY ->
          isWeekend(day) ? actual.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) : actual;
      case SUNDAY_TO_MONDAY -> day == DayOfWeek.SUNDAY ? actual.plusDays(1) : actual;
    };
  }

  private static Optional<LocalDate> nthWeekday(NthWeekdayRule rule, int year) {
    YearMonth month = YearMonth.of(year, rule.month());
    if (rule.nth() == NthWeekdayRule.LAST) {
      return Optional.of(month.atEndOfMonth().with(TemporalAdjusters.lastInMonth(rule.weekday())));
    }
    LocalDate day =
        month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(rule.nth(), rule.weekday()));
    // dayOfWeekInMonth runs on into the next month when the month has no such nth weekday.
    return day.getMonth() == rule.month() ? Optional.of(day) : Optional.empty();
  }

  private static boolean isWeekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
