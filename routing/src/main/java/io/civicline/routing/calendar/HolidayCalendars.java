package io.civicline.routing.calendar;

import io.civicline.core.directory.FixedDateRule;
import io.civicline.core.directory.HolidayCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers "is this day a holiday?" for a chain of calendars, nearest first: e.g. a department's
 * calendar, its town's, the state's, the federal one. Each calendar must be followed by its parent.
 */
public final class HolidayCalendars {
  /** Nearest calendar first, then the real date before an observed one. */
  private static final Comparator<Candidate> PREFERENCE =
      Comparator.comparingInt(Candidate::distance)
          .thenComparing(candidate -> candidate.holiday().observed());

  private static final Comparator<Candidate> CHRONOLOGICAL =
      Comparator.comparing((Candidate candidate) -> candidate.holiday().date())
          .thenComparing(PREFERENCE);

  private HolidayCalendars() {}

  /**
   * The holiday on {@code date}, counting both real and observed dates; empty on a working day.
   *
   * @throws IllegalArgumentException when the chain is not nearest-first
   */
  public static Optional<Holiday> holidayOn(List<HolidayCalendar> chain, LocalDate date) {
    return candidatesAround(chain, date.getYear()).stream()
        .filter(candidate -> candidate.holiday().date().equals(date))
        .min(PREFERENCE)
        .map(Candidate::holiday);
  }

  /**
   * Every holiday whose date, real or observed, falls in {@code year}, by date. A weekend holiday
   * appears twice: on its real date and, marked observed, on the weekday it is observed.
   *
   * @throws IllegalArgumentException when the chain is not nearest-first
   */
  public static List<Holiday> holidaysIn(List<HolidayCalendar> chain, int year) {
    return candidatesAround(chain, year).stream()
        .filter(candidate -> candidate.holiday().date().getYear() == year)
        .sorted(CHRONOLOGICAL)
        .map(Candidate::holiday)
        .toList();
  }

  /**
   * Holidays of the years around {@code year}: observance and offsets carry a holiday across New
   * Year (New Year's Day 2022, a Saturday, was observed on 2021-12-31).
   */
  private static List<Candidate> candidatesAround(List<HolidayCalendar> chain, int year) {
    List<InheritedRule> rules = EffectiveRules.of(chain);
    List<Candidate> candidates = new ArrayList<>();
    for (int ruleYear = year - 1; ruleYear <= year + 1; ruleYear++) {
      for (InheritedRule rule : rules) {
        addOccurrences(rule, ruleYear, candidates);
      }
    }
    return candidates;
  }

  private static void addOccurrences(InheritedRule inherited, int year, List<Candidate> out) {
    for (Holiday holiday : occurrences(inherited, year)) {
      out.add(new Candidate(holiday, inherited.distance()));
    }
  }

  /** The rule's holiday of {@code year} and, when it moves off a weekend, its observance. */
  private static List<Holiday> occurrences(InheritedRule inherited, int year) {
    Optional<LocalDate> actual = RuleDates.actualDate(inherited.rule(), year);
    if (!inherited.rule().activeIn(year) || actual.isEmpty()) {
      return List.of();
    }
    String name = inherited.rule().name();
    Holiday real = new Holiday(name, actual.get(), false, inherited.calendarId());
    if (!(inherited.rule() instanceof FixedDateRule fixed)) {
      return List.of(real);
    }
    LocalDate observed = RuleDates.observedDate(fixed.observed(), actual.get());
    if (observed.equals(actual.get())) {
      return List.of(real);
    }
    String observedName = name + Holiday.OBSERVED_SUFFIX;
    return List.of(real, new Holiday(observedName, observed, true, inherited.calendarId()));
  }

  private record Candidate(Holiday holiday, int distance) {}
}
