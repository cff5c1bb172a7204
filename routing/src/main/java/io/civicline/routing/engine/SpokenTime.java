package io.civicline.routing.engine;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates, times and phone numbers as text-to-speech should say them, per language. */
public final class SpokenTime {
  private static final DateTimeFormatter ENGLISH =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter SPANISH =
      DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'a las' H:mm", Locale.forLanguageTag("es"));
  private static final DateTimeFormatter FRENCH =
      DateTimeFormatter.ofPattern("EEEE d MMMM 'à' H 'h' mm", Locale.FRENCH);

  private SpokenTime() {}

  /** E.g. "Tuesday, November 24 at 9:40 AM" or "martes 24 de noviembre a las 9:40". */
  public static String dateTime(ZonedDateTime at, String language) {
    String base = language.contains("-") ? language.substring(0, language.indexOf('-')) : language;
    DateTimeFormatter format =
        switch (base) {
          case "es" -> SPANISH;
          case "fr" -> FRENCH;
          default -> ENGLISH;
        };
    return format.format(at);
  }

  /**
   * A phone number digit by digit ("2 0 7 5 5 5 0 1 2 3"); a North American number without its
   * country code 1. Empty when the number has no digits (withheld, anonymous).
   */
  public static String digits(String number) {
    String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
    if (number != null && number.startsWith("+1") && digits.length() == 11) {
      digits = digits.substring(1);
    }
    return String.join(" ", digits.split("")).strip();
  }
}
