package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Regular opening hours by day of the week, in the local time of whoever owns them. A day that is
 * missing is closed. Each day's ranges are kept sorted and never overlap.
 */
public record WeeklyHours(Map<DayOfWeek, List<TimeRange>> days) {
  public static final int MAX_RANGES_PER_DAY = 6;
  public static final WeeklyHours CLOSED = new WeeklyHours(Map.of());

  public WeeklyHours {
    Objects.requireNonNull(days, "days");
    Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    days.forEach((day, ranges) -> putDay(copy, day, ranges));
    days = Collections.unmodifiableMap(copy);
  }

  /** The ranges of {@code day}, earliest first; empty when closed. */
  public List<TimeRange> on(DayOfWeek day) {
    return days.getOrDefault(day, List.of());
  }

  /** Whether {@code localTime}, already in the owner's time zone, is within opening hours. */
  public boolean isOpen(LocalDateTime localTime) {
    return on(localTime.getDayOfWeek()).stream()
        .anyMatch(range -> range.contains(localTime.toLocalTime()));
  }

  /**
   * Reads {@code {"monday":[{"open":"08:30","close":"16:30"}], ...}}, recording every problem;
   * {@code null} when there was any.
   */
  public static WeeklyHours fromJson(ObjectReader reader) {
    int errorsBefore = reader.errors().list().size();
    Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
    for (String field : reader.fieldNames()) {
      DayOfWeek day = JsonNames.WEEKDAYS.get(field);
      if (day == null) {
        reader.errors().add(reader.pointerOf(field), "must be a day of the week: monday to sunday");
      } else {
        days.put(day, readDay(reader, field));
      }
    }
    return reader.errors().list().size() == errorsBefore ? new WeeklyHours(days) : null;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    days.forEach(
        (day, ranges) -> {
          JsonArray array = new JsonArray();
          ranges.forEach(range -> array.add(range.toJson()));
          json.put(JsonNames.of(day), array);
        });
    return json;
  }

  private static List<TimeRange> readDay(ObjectReader reader, String field) {
    List<ObjectReader> items = reader.objects(field, true, MAX_RANGES_PER_DAY);
    if (items == null) {
      return null;
    }
    List<TimeRange> ranges = new ArrayList<>();
    for (ObjectReader item : items) {
      TimeRange range = TimeRange.fromJson(item);
      reportOverlap(item, range, ranges, items);
      ranges.add(range);
    }
    return ranges;
  }

  /** Reports {@code range} when it overlaps one read before it, naming that one. */
  private static void reportOverlap(
      ObjectReader item, TimeRange range, List<TimeRange> earlier, List<ObjectReader> items) {
    if (range == null) {
      return;
    }
    for (int i = 0; i < earlier.size(); i++) {
      if (earlier.get(i) != null && earlier.get(i).overlaps(range)) {
        item.errors().add(item.pointer(), "overlaps " + items.get(i).pointer());
        return;
      }
    }
  }

  private static void putDay(
      Map<DayOfWeek, List<TimeRange>> days, DayOfWeek day, List<TimeRange> ranges) {
    if (ranges.isEmpty()) {
      return; // an empty day is a closed day, stored like a missing one so equals() agrees
    }
    List<TimeRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparing(TimeRange::open));
    if (sorted.size() > MAX_RANGES_PER_DAY) {
      throw new IllegalArgumentException("At most " + MAX_RANGES_PER_DAY + " ranges per day");
    }
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).overlaps(sorted.get(i))) {
        throw new IllegalArgumentException("Overlapping ranges on " + day + ": " + sorted);
      }
    }
    days.put(day, List.copyOf(sorted));
  }
}
