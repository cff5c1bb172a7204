package io.civicline.core.directory;

import java.util.Objects;

/** A day relative to Western (Gregorian) Easter Sunday; Good Friday is offset -2. */
public record EasterRule(String name, int offsetDays, ActiveYears years) implements HolidayRule {
  public static final int MAX_OFFSET_DAYS = 60;

  public EasterRule {
    RuleChecks.name(name);
    Objects.requireNonNull(years, "years");
    RuleChecks.range("offsetDays", offsetDays, -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS);
  }
}
