package io.civicline.core.directory;

import java.time.LocalDate;
import java.util.Objects;

/** One particular day, such as a one-off closure. */
public record SpecificDateRule(String name, LocalDate date, ActiveYears years)
    implements HolidayRule {
  public SpecificDateRule {
    RuleChecks.name(name);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(years, "years");
  }
}
