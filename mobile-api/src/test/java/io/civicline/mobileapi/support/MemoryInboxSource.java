package io.civicline.mobileapi.support;

import io.civicline.core.store.Actor;
import io.civicline.core.store.StoreException;
import io.civicline.mobileapi.inbox.InboxChange;
import io.civicline.mobileapi.inbox.InboxItem;
import io.civicline.mobileapi.inbox.InboxPosition;
import io.civicline.mobileapi.inbox.InboxQuery;
import io.civicline.mobileapi.inbox.InboxSource;
import io.civicline.mobileapi.inbox.VoicemailAudio;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Inbox items of one kind held in memory, for the staff routes' own tests (merging, paging,
 * membership, answers). The real sources, over Redis, are tested in ops.
 */
public final class MemoryInboxSource implements InboxSource, VoicemailAudio {
  private final String kind;
  private final Map<String, InboxItem> items = new LinkedHashMap<>();
  private final Map<String, byte[]> audio = new LinkedHashMap<>();

  /** Who played which voicemail, as {@code tenant/id actor}. */
  public final List<String> plays = new ArrayList<>();

  public MemoryInboxSource(String kind) {
    this.kind = kind;
  }

  /** An open, unassigned item of {@code tenant}'s {@code department}. */
  public InboxItem add(
      String tenant, String id, String department, String from, String text, Instant at) {
    InboxItem item =
        new InboxItem(
            kind,
            id,
            department,
            from,
            text,
            at,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true,
            1,
            new JsonObject(),
            from + "\n" + text);
    items.put(tenant + "/" + id, item);
    return item;
  }

  public void audio(String tenant, String id, byte[] wav) {
    audio.put(tenant + "/" + id, wav);
  }

  public InboxItem item(String tenant, String id) {
    return items.get(tenant + "/" + id);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Future<List<InboxItem>> list(
      String tenant,
      String department,
      InboxQuery query,
      Optional<InboxPosition> after,
      int limit) {
    return Future.succeededFuture(
        items.entrySet().stream()
            .filter(e -> e.getKey().startsWith(tenant + "/"))
            .map(Map.Entry::getValue)
            .filter(i -> i.department().equals(department) && query.matches(i))
            .filter(i -> after.map(p -> p.isBefore(i.position())).orElse(true))
            .sorted(InboxItem.NEWEST_FIRST)
            .limit(limit)
            .toList());
  }

  @Override
  public Future<Optional<InboxItem>> get(String tenant, String id) {
    return Future.succeededFuture(Optional.ofNullable(items.get(tenant + "/" + id)));
  }

  @Override
  public Future<InboxItem> change(
      String tenant, String id, InboxChange change, OptionalLong expected, Actor actor) {
    InboxItem current = items.get(tenant + "/" + id);
    if (current == null) {
      return Future.failedFuture(new StoreException.NotFound(kind + " " + id));
    }
    if (expected.isPresent() && expected.getAsLong() != current.version()) {
      return Future.failedFuture(new StoreException.VersionMismatch(id, current.version()));
    }
    boolean handled = change.handled().orElse(current.handled());
    Optional<String> note =
        change.note().map(n -> Optional.of(n).filter(s -> !s.isEmpty())).orElse(current.note());
    InboxItem next =
        new InboxItem(
            kind,
            id,
            current.department(),
            current.from(),
            current.preview(),
            current.lastActivityAt(),
            handled,
            change
                .assignedTo()
                .map(a -> Optional.of(a).filter(s -> !s.isEmpty()))
                .orElse(current.assignedTo()),
            note,
            handled ? Optional.of(Instant.EPOCH) : Optional.empty(),
            current.unread(),
            current.version() + 1,
            current.details(),
            current.from() + "\n" + current.preview() + "\n" + note.orElse(""));
    items.put(tenant + "/" + id, next);
    return Future.succeededFuture(next);
  }

  @Override
  public Future<Optional<byte[]>> play(String tenant, String id, Actor actor) {
    plays.add(tenant + "/" + id + " " + actor.id());
    return Future.succeededFuture(Optional.ofNullable(audio.get(tenant + "/" + id)));
  }
}
