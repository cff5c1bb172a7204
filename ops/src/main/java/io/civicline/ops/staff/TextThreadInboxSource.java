package io.civicline.ops.staff;

import io.civicline.core.store.Actor;
import io.civicline.mobileapi.inbox.InboxChange;
import io.civicline.mobileapi.inbox.InboxItem;
import io.civicline.mobileapi.inbox.InboxPosition;
import io.civicline.mobileapi.inbox.InboxQuery;
import io.civicline.mobileapi.inbox.InboxSource;
import io.civicline.signaling.sms.SmsMessage;
import io.civicline.signaling.sms.SmsStore;
import io.civicline.signaling.sms.SmsThread;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Departments' text threads in the staff inbox, over the texting channel's store: triage is kept
 * with the thread ({@link SmsStore#triage}).
 *
 * <p>Listing reads each candidate thread and its latest text; a search also reads its last {@value
 * #SEARCHED_TEXTS} texts. That suits a department's hundreds of threads; a town with tens of
 * thousands would want a search index instead of this scan.
 */
public final class TextThreadInboxSource implements InboxSource {
  static final int SEARCHED_TEXTS = 200;
  private static final int PREVIEW = 140;

  private final SmsStore store;
  private final Clock clock;

  public TextThreadInboxSource(SmsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return InboxItem.TEXT_THREAD;
  }

  @Override
  public Future<List<InboxItem>> list(
      String tenant,
      String department,
      InboxQuery query,
      Optional<InboxPosition> after,
      int limit) {
    long atMost = after.map(InboxPosition::millis).orElse(Long.MAX_VALUE);
    return scan(tenant, department, query, after, atMost, 0, limit, new ArrayList<>());
  }

  private Future<List<InboxItem>> scan(
      String tenant,
      String department,
      InboxQuery query,
      Optional<InboxPosition> after,
      long atMost,
      int skip,
      int limit,
      List<InboxItem> found) {
    int batch = Math.max(limit * 2, 50);
    return store
        .threadIdsActiveBy(tenant, department, atMost, skip, batch)
        .compose(
            ids -> {
              List<Future<Optional<InboxItem>>> loads = new ArrayList<>();
              ids.forEach(id -> loads.add(load(tenant, id, query.search().isPresent())));
              return Future.all(loads)
                  .compose(
                      done -> {
                        for (Future<Optional<InboxItem>> load : loads) {
                          Optional<InboxItem> item = load.result();
                          // A thread active again since the listing began was listed above.
                          if (item.isPresent()
                              && after.map(p -> p.isBefore(item.get().position())).orElse(true)
                              && item.get().lastActivityAt().toEpochMilli() <= atMost
                              && query.matches(item.get())) {
                            found.add(item.get());
                            if (found.size() == limit) {
                              return Future.succeededFuture(found);
                            }
                          }
                        }
                        if (ids.size() < batch) {
                          return Future.succeededFuture(found);
                        }
                        return scan(
                            tenant, department, query, after, atMost, skip + batch, limit, found);
                      });
            })
        .map(list -> list.stream().sorted(InboxItem.NEWEST_FIRST).toList());
  }

  @Override
  public Future<Optional<InboxItem>> get(String tenant, String id) {
    return load(tenant, id, false);
  }

  @Override
  public Future<InboxItem> change(
      String tenant, String id, InboxChange change, OptionalLong expectedVersion, Actor actor) {
    SmsStore.Triage triage =
        new SmsStore.Triage(change.assignedTo(), change.handled(), change.note());
    return store
        .triage(
            tenant,
            id,
            expectedVersion,
            triage,
            actor.toJson().encode(),
            change.action(),
            clock.instant())
        .compose(thread -> item(tenant, thread, false));
  }

  private Future<Optional<InboxItem>> load(String tenant, String id, boolean withTexts) {
    return store
        .thread(tenant, id)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(Optional.<InboxItem>empty())
                    : item(tenant, found.get(), withTexts).map(Optional::of));
  }

  private Future<InboxItem> item(String tenant, SmsThread thread, boolean withTexts) {
    Future<List<SmsMessage>> texts =
        withTexts
            ? store.messages(tenant, thread.id(), SEARCHED_TEXTS)
            : store.message(tenant, thread.lastMessageId()).map(m -> m.stream().toList());
    return texts.map(list -> item(thread, list));
  }

  /** {@code texts}: newest first, at least the latest. */
  static InboxItem item(SmsThread thread, List<SmsMessage> texts) {
    Optional<SmsMessage> latest = texts.stream().findFirst();
    String preview = latest.map(SmsMessage::body).orElse("");
    JsonObject details =
        new JsonObject()
            .put("resident", thread.resident())
            .put("townNumber", thread.townNumber())
            .put("language", thread.language());
    String bodies = texts.stream().map(SmsMessage::body).collect(Collectors.joining("\n"));
    return new InboxItem(
        InboxItem.TEXT_THREAD,
        thread.id(),
        thread.department(),
        thread.resident(),
        preview.length() > PREVIEW ? preview.substring(0, PREVIEW) + "…" : preview,
        thread.updatedAt(),
        thread.handled(),
        thread.assignedTo(),
        thread.note(),
        thread.handledAt(),
        latest.map(m -> m.direction() == SmsMessage.Direction.INBOUND).orElse(false),
        thread.version(),
        details,
        String.join("\n", thread.resident(), thread.note().orElse(""), bodies));
  }
}
