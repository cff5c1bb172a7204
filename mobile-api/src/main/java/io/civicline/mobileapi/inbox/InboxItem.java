package io.civicline.mobileapi.inbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One entry of a department's inbox, whatever it is underneath.
 *
 * @param kind {@code voicemail} or {@code text-thread}
 * @param from the caller's or resident's number
 * @param preview the start of the transcript or of the latest text
 * @param lastActivityAt when the voicemail was left, or the thread's latest text
 * @param unread a voicemail nobody listened to, or a thread whose latest text is the resident's
 * @param details what only this kind has (a voicemail's length, a thread's town number)
 * @param searchText everything a search matches (number, note, transcript or texts); not shown
 */
public record InboxItem(
    String kind,
    String id,
    String department,
    String from,
    String preview,
    Instant lastActivityAt,
    boolean handled,
    Optional<String> assignedTo,
    Optional<String> note,
    Optional<Instant> handledAt,
    boolean unread,
    long version,
    JsonObject details,
    String searchText) {

  public static final String VOICEMAIL = "voicemail";
  public static final String TEXT_THREAD = "text-thread";

  /** The inbox order: newest activity first; the id breaks ties, so paging is exact. */
  public static final Comparator<InboxItem> NEWEST_FIRST =
      Comparator.comparing(InboxItem::position, InboxPosition.NEWEST_FIRST);

  public InboxPosition position() {
    return new InboxPosition(lastActivityAt.toEpochMilli(), id);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("kind", kind)
            .put("department", department)
            .put("from", from)
            .put("preview", preview)
            .put("lastActivityAt", lastActivityAt.toString())
            .put("status", handled ? "handled" : "open")
            .put("unread", unread)
            .put("version", version)
            .put("details", details.copy());
    assignedTo.ifPresent(v -> json.put("assignedTo", v));
    note.ifPresent(v -> json.put("note", v));
    handledAt.ifPresent(v -> json.put("handledAt", v.toString()));
    return json;
  }
}
