package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads and writes the lowercase names that stand for enum values in JSON. */
final class JsonNames {
  static final Map<String, DayOfWeek> WEEKDAYS = weekdays();

  private JsonNames() {}

  static String of(DayOfWeek day) {
    return day.name().toLowerCase(Locale.ROOT);
  }

  /** The value named by a string field, or {@code null} (with an error) when absent or unknown. */
  static <T> T read(ObjectReader reader, String field, boolean required, Map<String, T> byName) {
    String name = reader.string(field, required, 40, text -> problem(text, byName));
    return name == null ? null : byName.get(name);
  }

  static String problem(String name, Map<String, ?> byName) {
    return byName.containsKey(name) ? null : "must be one of " + String.join(", ", byName.keySet());
  }

  private static Map<String, DayOfWeek> weekdays() {
    Map<String, DayOfWeek> names = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      names.put(of(day), day);
    }
    return names;
  }
}
