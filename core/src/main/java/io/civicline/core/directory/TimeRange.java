package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Opening hours within one day, from {@code open} (inclusive) to {@code close} (exclusive). A range
 * open until midnight closes at {@link #END_OF_DAY}, written {@code "24:00"} in JSON; ranges never
 * cross midnight (split them over two days instead).
 */
public record TimeRange(LocalTime open, LocalTime close) {
  /** The close of a range that lasts until midnight. */
  public static final LocalTime END_OF_DAY = LocalTime.MAX;

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final String MIDNIGHT_CLOSE = "24:00";

  public TimeRange {
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(close, "close");
    if (!isWholeMinute(open) || !(isWholeMinute(close) || close.equals(END_OF_DAY))) {
      throw new IllegalArgumentException("Times must be whole minutes: " + open + "-" + close);
    }
    if (!open.isBefore(close)) {
      throw new IllegalArgumentException("Open must be before close: " + open + "-" + close);
    }
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(open) && (time.isBefore(close) || close.equals(END_OF_DAY));
  }

  public boolean overlaps(TimeRange other) {
    return open.isBefore(other.close) && other.open.isBefore(close);
  }

  /** Reads {@code {"open":"08:30","close":"16:30"}}; {@code null} (with errors) when invalid. */
  public static TimeRange fromJson(ObjectReader reader) {
    String open = reader.string("open", true, 16, TimeRange::openProblem);
    String close = reader.string("close", true, 16, TimeRange::closeProblem);
    reader.rejectUnknownFields();
    if (open == null || close == null) {
      return null;
    }
    LocalTime openTime = LocalTime.parse(open);
    LocalTime closeTime = close.equals(MIDNIGHT_CLOSE) ? END_OF_DAY : LocalTime.parse(close);
    if (!openTime.isBefore(closeTime)) {
      reader.errors().add(reader.pointerOf("close"), "must be after open");
      return null;
    }
    return new TimeRange(openTime, closeTime);
  }

  public JsonObject toJson() {
    return new JsonObject().put("open", format(open)).put("close", format(close));
  }

  private static String format(LocalTime time) {
    return time.equals(END_OF_DAY)
        ? MIDNIGHT_CLOSE
        : time.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private static String openProblem(String text) {
    return HH_MM.matcher(text).matches() ? null : "must be a time HH:mm (24-hour), e.g. 08:30";
  }

  private static String closeProblem(String text) {
    return HH_MM.matcher(text).matches() || text.equals(MIDNIGHT_CLOSE)
        ? null
        : "must be a time HH:mm (24-hour) or 24:00, e.g. 16:30";
  }

  private static boolean isWholeMinute(LocalTime time) {
    return time.getSecond() == 0 && time.getNano() == 0;
  }
}
