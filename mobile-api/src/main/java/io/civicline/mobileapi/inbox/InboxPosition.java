package io.civicline.mobileapi.inbox;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Where a page of the inbox ended: the last item's activity (epoch millis) and id. Every source
 * continues strictly after it, so items of the same millisecond are neither skipped nor repeated.
 * Its text form {@code <millis>:<id>} is the cursor clients send back.
 */
public record InboxPosition(long millis, String id) {
  private static final Pattern CURSOR = Pattern.compile("([0-9]{1,18}):([A-Za-z0-9._-]{1,120})");

  public static final Comparator<InboxPosition> NEWEST_FIRST =
      Comparator.comparingLong(InboxPosition::millis).thenComparing(InboxPosition::id).reversed();

  /** Fails with {@link IllegalArgumentException} for anything but a cursor this API gave out. */
  public static InboxPosition parse(String cursor) {
    var match = CURSOR.matcher(cursor);
    if (!match.matches()) {
      throw new IllegalArgumentException("not an inbox cursor");
    }
    return new InboxPosition(Long.parseLong(match.group(1)), match.group(2));
  }

  /** Whether an item at {@code other} comes after this position in the inbox order. */
  public boolean isBefore(InboxPosition other) {
    return NEWEST_FIRST.compare(this, other) < 0;
  }

  public String encode() {
    return millis + ":" + id;
  }
}
