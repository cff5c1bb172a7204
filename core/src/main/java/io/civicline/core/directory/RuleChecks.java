package io.civicline.core.directory;

import java.util.Objects;

/** Invariants shared by the rule records, for rules built in code rather than by the codec. */
final class RuleChecks {
  private RuleChecks() {}

  static void name(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > HolidayRule.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("Holiday name must be 1-100 characters: " + name);
    }
  }

  static void range(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be between " + min + " and " + max);
    }
  }
}
