package io.civicline.core.directory;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.OptionalInt;
import java.util.Set;

/** JSON form of {@link HolidayRule}: an object whose {@code type} decides the other fields. */
final class HolidayRuleCodec {
  static final String FIXED = "fixed";
  static final String NTH_WEEKDAY = "nth-weekday";
  static final String EASTER = "easter";
  static final String DATE = "date";
  private static final Set<String> TYPE_NAMES = Set.of(FIXED, NTH_WEEKDAY, EASTER, DATE);
  private static final String TYPES = "must be one of fixed, nth-weekday, easter, date";
  private static final int MIN_YEAR = 1900;
  private static final int MAX_YEAR = 2200;

  private HolidayRuleCodec() {}

  /**
   * Reads one rule, recording every problem; {@code null} when there was any. {@code seenNames}
   * collects the names of the calendar's rules so far, to refuse duplicates.
   */
  static HolidayRule read(ObjectReader rule, Set<String> seenNames) {
    int errorsBefore = rule.errors().list().size();
    String name = readName(rule, seenNames);
    ActiveYears years = readYears(rule);
    String type = rule.string("type", true, 20, HolidayRuleCodec::typeProblem);
    if (type == null) {
      // Which fields are allowed depends on the type, so "unknown field" would only be noise.
      return null;
    }
    HolidayRule parsed =
        switch (type) {
          case FIXED -> readFixed(rule, name, years);
          case NTH_WEEKDAY -> readNthWeekday(rule, name, years);
          case EASTER -> readEaster(rule, name, years);
          default -> readDate(rule, name, years);
        };
    rule.rejectUnknownFields();
    return rule.errors().list().size() == errorsBefore ? parsed : null;
  }

  static JsonObject write(HolidayRule rule) {
    JsonObject json = new JsonObject().put("name", rule.name());
    switch (rule) {
      case FixedDateRule fixed ->
          json.put("type", FIXED)
              .put("month", fixed.date().getMonthValue())
              .put("day", fixed.date().getDayOfMonth())
              .put("observed", fixed.observed().jsonName());
      case NthWeekdayRule nth -> {
        json.put("type", NTH_WEEKDAY)
            .put("month", nth.month().getValue())
            .put("weekday", JsonNames.of(nth.weekday()))
            .put("nth", nth.nth());
        if (nth.offsetDays() != 0) {
          json.put("offsetDays", nth.offsetDays());
        }
      }
      case EasterRule easter -> json.put("type", EASTER).put("offsetDays", easter.offsetDays());
      case SpecificDateRule date -> json.put("type", DATE).put("date", date.date().toString());
    }
    rule.years().from().ifPresent(year -> json.put("fromYear", year));
    rule.years().until().ifPresent(year -> json.put("untilYear", year));
    return json;
  }

  private static String typeProblem(String type) {
    return TYPE_NAMES.contains(type) ? null : TYPES;
  }

  private static String readName(ObjectReader rule, Set<String> seenNames) {
    String name = rule.string("name", true, HolidayRule.MAX_NAME_LENGTH);
    if (name != null && !seenNames.add(name)) {
      rule.errors().add(rule.pointerOf("name"), "duplicate holiday name '" + name + "'");
    }
    return name;
  }

  private static ActiveYears readYears(ObjectReader rule) {
    Integer from = rule.integer("fromYear", false, MIN_YEAR, MAX_YEAR);
    Integer until = rule.integer("untilYear", false, MIN_YEAR, MAX_YEAR);
    if (from != null && until != null && from > until) {
      rule.errors().add(rule.pointerOf("untilYear"), "must not be before fromYear");
      return null;
    }
    return new ActiveYears(optional(from), optional(until));
  }

  private static FixedDateRule readFixed(ObjectReader rule, String name, ActiveYears years) {
    Month month = readMonth(rule);
    Integer day = rule.integer("day", true, 1, 31);
    Observance observed =
        rule.has("observed")
            ? JsonNames.read(rule, "observed", false, Observance.BY_JSON_NAME)
            : Observance.NONE;
    if (month != null && day != null && day > month.maxLength()) {
      rule.errors()
          .add(
              rule.pointerOf("day"),
              "must be between 1 and " + month.maxLength() + " for month " + month.getValue());
      return null;
    }
    if (name == null || years == null || month == null || day == null || observed == null) {
      return null;
    }
    return new FixedDateRule(name, MonthDay.of(month, day), observed, years);
  }

  private static NthWeekdayRule readNthWeekday(ObjectReader rule, String name, ActiveYears years) {
    Month month = readMonth(rule);
    DayOfWeek weekday = JsonNames.read(rule, "weekday", true, JsonNames.WEEKDAYS);
    Integer nth = readNth(rule);
    int maxOffset = NthWeekdayRule.MAX_OFFSET_DAYS;
    Integer offset = rule.integer("offsetDays", false, -maxOffset, maxOffset);
    if (name == null || years == null || month == null || weekday == null || nth == null) {
      return null;
    }
    return new NthWeekdayRule(name, month, weekday, nth, offset == null ? 0 : offset, years);
  }

  private static EasterRule readEaster(ObjectReader rule, String name, ActiveYears years) {
    int maxOffset = EasterRule.MAX_OFFSET_DAYS;
    Integer offset = rule.integer("offsetDays", false, -maxOffset, maxOffset);
    if (name == null || years == null) {
      return null;
    }
    return new EasterRule(name, offset == null ? 0 : offset, years);
  }

  private static SpecificDateRule readDate(ObjectReader rule, String name, ActiveYears years) {
    String date = rule.string("date", true, 10, Formats::isoDate);
    if (name == null || years == null || date == null) {
      return null;
    }
    return new SpecificDateRule(name, LocalDate.parse(date), years);
  }

  private static Month readMonth(ObjectReader rule) {
    Integer month = rule.integer("month", true, 1, 12);
    return month == null ? null : Month.of(month);
  }

  private static Integer readNth(ObjectReader rule) {
    Integer nth = rule.integer("nth", true, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (nth != null && nth != NthWeekdayRule.LAST && (nth < 1 || nth > 5)) {
      rule.errors().add(rule.pointerOf("nth"), "must be 1 to 5, or -1 for the last");
      return null;
    }
    return nth;
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
