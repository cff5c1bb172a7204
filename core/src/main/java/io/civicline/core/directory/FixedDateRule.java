package io.civicline.core.directory;

import java.time.MonthDay;
import java.util.Objects;

/** The same month and day every year (July 4), possibly observed on a weekday. */
public record FixedDateRule(String name, MonthDay date, Observance observed, ActiveYears years)
    implements HolidayRule {
  public FixedDateRule {
    RuleChecks.name(name);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(years, "years");
  }
}
