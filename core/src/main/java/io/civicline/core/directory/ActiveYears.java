package io.civicline.core.directory;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The years, both ends inclusive, in which a holiday rule applies; e.g. Juneteenth from 2021. An
 * empty end is open.
 */
public record ActiveYears(OptionalInt from, OptionalInt until) {
  public static final ActiveYears ALWAYS =
      new ActiveYears(OptionalInt.empty(), OptionalInt.empty());

  public ActiveYears {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isPresent() && until.isPresent() && from.getAsInt() > until.getAsInt()) {
      throw new IllegalArgumentException("fromYear after untilYear");
    }
  }

  public static ActiveYears from(int year) {
    return new ActiveYears(OptionalInt.of(year), OptionalInt.empty());
  }

  public static ActiveYears between(int from, int until) {
    return new ActiveYears(OptionalInt.of(from), OptionalInt.of(until));
  }

  public boolean includes(int year) {
    return (from.isEmpty() || year >= from.getAsInt())
        && (until.isEmpty() || year <= until.getAsInt());
  }
}
