package io.civicline.core.validation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks for the value formats the directory uses. Each returns an error detail, or {@code null}
 * when the value is fine, so they plug into {@link ObjectReader}.
 */
public final class Formats {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(?:-[A-Z]{2}|-[0-9]{3})?");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");

  private Formats() {}

  /** Ids of tenants and objects: lowercase letters, digits and inner dashes, at most 48. */
  public static String slug(String value) {
    return SLUG.matcher(value).matches()
        ? null
        : "must be 1-48 lowercase letters, digits or dashes, starting and ending with a letter or"
            + " digit";
  }

  /** A phone number in E.164 form: '+', country code, subscriber number, 8 to 15 digits. */
  public static String e164(String value) {
    return E164.matcher(value).matches()
        ? null
        : "must be an E.164 phone number: '+' then 7 to 15 digits, no spaces (e.g. +12075550142)";
  }

  public static String email(String value) {
    return EMAIL.matcher(value).matches() && value.length() <= 254
        ? null
        : "must be an email address";
  }

  /** A language tag such as {@code en}, {@code es} or {@code en-US}. */
  public static String language(String value) {
    if (!LANGUAGE.matcher(value).matches()) {
      return "must be a language tag such as 'en', 'es' or 'en-US'";
    }
    try {
      new Locale.Builder().setLanguageTag(value).build();
      return null;
    } catch (IllformedLocaleException e) {
      return "must be a language tag such as 'en', 'es' or 'en-US'";
    }
  }

  /** A region-based IANA time zone such as {@code America/New_York}. */
  public static String timeZone(String value) {
    return ZoneId.getAvailableZoneIds().contains(value)
        ? null
        : "must be an IANA time zone such as 'America/New_York'";
  }

  /** A phone extension: 2 to 8 digits. */
  public static String extension(String value) {
    return EXTENSION.matcher(value).matches() ? null : "must be 2 to 8 digits";
  }

  /** An ISO calendar date, {@code YYYY-MM-DD}. */
  public static String isoDate(String value) {
    try {
      LocalDate.parse(value);
      return null;
    } catch (DateTimeParseException e) {
      return "must be a date in the form YYYY-MM-DD";
    }
  }
}
