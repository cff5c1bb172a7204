package io.civicline.routing.sms;

import io.civicline.core.directory.TimeRange;
import io.civicline.core.directory.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weekly hours as one short line for a text, in the resident's language: consecutive days with the
 * same hours are grouped ("Mon-Fri 8:30 AM-4:30 PM; Sat 9:00 AM-12:00 PM"). Plain ASCII dashes and
 * spaces: a typographic dash or narrow space would switch the whole text to UCS-2 and halve what
 * fits in one segment.
 */
final class HoursText {
  private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter SPANISH = DateTimeFormatter.ofPattern("H:mm");
  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("H'h'mm");

  private HoursText() {}

  /** The hours, or an empty string when the department has none. */
  static String of(WeeklyHours hours, String language) {
    String base = SmsPhrases.base(language);
    Locale locale = Locale.forLanguageTag(SmsPhrases.spokenAs(base));
    List<String> groups = new ArrayList<>();
    DayOfWeek[] days = DayOfWeek.values();
    int i = 0;
    while (i < days.length) {
      List<TimeRange> ranges = hours.on(days[i]);
      int j = i;
      while (j + 1 < days.length && hours.on(days[j + 1]).equals(ranges)) {
        j++;
      }
      if (!ranges.isEmpty()) {
        String span =
            j == i ? day(days[i], locale) : day(days[i], locale) + "-" + day(days[j], locale);
        groups.add(span + " " + ranges(ranges, base));
      }
      i = j + 1;
    }
    return String.join("; ", groups);
  }

  private static String day(DayOfWeek day, Locale locale) {
    return day.getDisplayName(TextStyle.SHORT, locale);
  }

  private static String ranges(List<TimeRange> ranges, String language) {
    List<String> parts = new ArrayList<>();
    for (TimeRange range : ranges) {
      parts.add(time(range.open(), language) + "-" + time(range.close(), language));
    }
    return String.join(", ", parts);
  }

  private static String time(LocalTime time, String language) {
    if (time.equals(TimeRange.END_OF_DAY)) {
      return language.equals("en") ? "midnight" : language.equals("fr") ? "24h00" : "24:00";
    }
    return switch (language) {
      case "es" -> SPANISH.format(time);
      case "fr" -> FRENCH.format(time);
      default -> ENGLISH.format(time);
    };
  }
}
