package io.civicline.core.presence;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels report here that a staff member got on or off a call: the mark is kept in {@link
 * OnCalls} and, when it changed, the member's colleagues (and the member's other devices) hear of
 * it as {@code presence.changed} with {@code onCall}. Announcing is best effort: a lost event never
 * fails the call.
 */
public final class OnCallPresence {
  private static final Logger LOG = LoggerFactory.getLogger(OnCallPresence.class);

  /** Where nothing is kept or told: channels built without it. */
  public static final OnCallPresence NONE = new OnCallPresence(null, null, StaffEvents.NONE);

  private final OnCalls onCalls;
  private final DocumentStore store;
  private final StaffEvents events;

  public OnCallPresence(OnCalls onCalls, DocumentStore store, StaffEvents events) {
    this.onCalls = onCalls;
    this.store = store;
    this.events = events;
  }

  public Future<Void> started(String tenant, String staffId, String callId) {
    if (onCalls == null) {
      return Future.succeededFuture();
    }
    return onCalls
        .started(tenant, staffId, callId)
        .compose(changed -> changed ? announce(tenant, staffId, true) : Future.succeededFuture());
  }

  public Future<Void> ended(String tenant, String staffId, String callId) {
    if (onCalls == null) {
      return Future.succeededFuture();
    }
    return onCalls
        .ended(tenant, staffId, callId)
        .compose(changed -> changed ? announce(tenant, staffId, false) : Future.succeededFuture());
  }

  private Future<Void> announce(String tenant, String staffId, boolean onCall) {
    Future<Optional<Stored>> member = store.get(tenant, StaffMember.COLLECTION, staffId);
    Future<Optional<Stored>> presence = store.get(tenant, PresenceStatus.COLLECTION, staffId);
    return Future.all(member, presence)
        .compose(
            done -> {
              Set<String> departments = new HashSet<>();
              member
                  .result()
                  .ifPresent(
                      m ->
                          m.body()
                              .getJsonArray("departmentIds", new JsonArray())
                              .forEach(d -> departments.add(String.valueOf(d))));
              return events.publish(
                  tenant,
                  new StaffEvent(
                      PresenceView.CHANGED,
                      new StaffEvent.Audience(Set.of(staffId), departments, false),
                      PresenceView.of(staffId, presence.result().map(Stored::body), onCall)));
            })
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .setCause(failure)
                  .log("could not tell colleagues that a member got on or off a call");
              return Future.succeededFuture();
            });
  }
}
