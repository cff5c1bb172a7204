package io.civicline.routing.calendar;

import io.civicline.core.directory.CalendarRef;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.HolidayRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves inheritance: a calendar's holidays are its own rules plus its parent's holidays, minus
 * the names it excludes and the names its own rules redefine (a nearer rule replaces an inherited
 * one of the same name).
 */
final class EffectiveRules {
  private EffectiveRules() {}

  /** The rules in effect for {@code chain.get(0)}, nearest calendar's first. */
  static List<InheritedRule> of(List<HolidayCalendar> chain) {
    requireNearestFirst(chain);
    Set<String> hidden = new HashSet<>();
    List<InheritedRule> effective = new ArrayList<>();
    for (int distance = 0; distance < chain.size(); distance++) {
      HolidayCalendar calendar = chain.get(distance);
      for (HolidayRule rule : calendar.rules()) {
        if (!hidden.contains(rule.name())) {
          effective.add(new InheritedRule(rule, calendar.id(), distance));
        }
      }
      // Only what this calendar inherits is hidden, so add its names after its own rules.
      calendar.rules().forEach(rule -> hidden.add(rule.name()));
      hidden.addAll(calendar.exclude());
    }
    return effective;
  }

  /** Catches a chain passed farthest-first or with a gap, which would invert exclusions. */
  private static void requireNearestFirst(List<HolidayCalendar> chain) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      String parentId = chain.get(i).parent().map(CalendarRef::id).orElse(null);
      if (!chain.get(i + 1).id().equals(parentId)) {
        throw new IllegalArgumentException(
            "Calendar chain must run nearest-first, each calendar followed by its parent; "
                + chain.get(i).id()
                + " is followed by "
                + chain.get(i + 1).id());
      }
    }
  }
}
