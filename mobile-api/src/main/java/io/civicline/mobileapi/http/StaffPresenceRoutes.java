package io.civicline.mobileapi.http;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/staff/presence}: the signed-in member's own presence, read and set from the app
 * (available, busy, away, do-not-disturb, offline; optionally until a time). The same record admins
 * set, so ringing honours it; colleagues in the member's departments hear of each change. {@code
 * onCall} tells whether the member is connected on a call now (the channels set it).
 */
public final class StaffPresenceRoutes {
  public static final String PRESENCE = StaffAuthRoutes.BASE + "/presence";

  private final DocumentStore store;
  private final StaffDirectory directory;
  private final StaffEvents events;
  private final io.civicline.core.presence.OnCalls onCalls;
  private final BearerStaffAuth auth;
  private final Clock clock;

  public StaffPresenceRoutes(
      DocumentStore store,
      StaffDirectory directory,
      StaffEvents events,
      io.civicline.core.presence.OnCalls onCalls,
      BearerStaffAuth auth,
      Clock clock) {
    this.onCalls = onCalls;
    this.store = store;
    this.directory = directory;
    this.events = events;
    this.auth = auth;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get(PRESENCE).handler(auth).handler(Endpoint.json(this::mine));
    router.put(PRESENCE).handler(auth).handler(Endpoint.json(this::set));
  }

  private Future<JsonObject> mine(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    return stored(me).compose(found -> wire(me, found.map(Stored::body)));
  }

  private Future<JsonObject> set(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    PresenceStatus wanted =
        PresenceStatus.parse(me.staffId(), ObjectReader.root(JsonBodies.object(ctx), errors), now);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors.list());
    }
    return stored(me).compose(current -> write(me, wanted, current, now));
  }

  private Future<JsonObject> write(
      StaffPrincipal me, PresenceStatus wanted, Optional<Stored> current, Instant now) {
    JsonObject next = wanted.toJson();
    if (current.isPresent()) {
      JsonObject was = current.get().body();
      boolean sameStatus = wanted.status().wire().equals(was.getString("status"));
      if (sameStatus && Objects.equals(next.getString("until"), was.getString("until"))) {
        return wire(me, Optional.of(was));
      }
      // "since" moves only when the status changes: longest-idle ringing counts from it.
      next.put("since", sameStatus ? was.getString("since") : now.toString());
    } else {
      next.put("since", now.toString());
    }
    DocumentStore.Write write =
        new DocumentStore.Write(
            me.tenant(),
            PresenceStatus.COLLECTION,
            me.staffId(),
            next,
            wanted.references(),
            List.of(),
            me.actor());
    Future<Stored> saved =
        current.isPresent() ? store.replace(write, current.get().version()) : store.create(write);
    return saved
        .compose(stored -> wire(me, Optional.of(stored.body())))
        .compose(presence -> announce(me, presence).map(presence));
  }

  /** Colleagues of the member's departments (and the member's other devices) hear of it. */
  private Future<Void> announce(StaffPrincipal me, JsonObject presence) {
    return directory
        .byId(me.tenant(), me.staffId())
        .compose(
            member -> {
              Set<String> departments = new HashSet<>();
              member.ifPresent(m -> departments.addAll(m.departmentIds()));
              return events.publish(
                  me.tenant(),
                  new StaffEvent(
                      io.civicline.core.presence.PresenceView.CHANGED,
                      new StaffEvent.Audience(Set.of(me.staffId()), departments, false),
                      presence));
            })
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  private Future<Optional<Stored>> stored(StaffPrincipal me) {
    return store.get(me.tenant(), PresenceStatus.COLLECTION, me.staffId());
  }

  private Future<JsonObject> wire(StaffPrincipal me, Optional<JsonObject> body) {
    return onCalls
        .now(me.tenant())
        .map(
            talking ->
                io.civicline.core.presence.PresenceView.of(
                    me.staffId(),
                    io.civicline.core.presence.PresenceView.at(body, clock.instant()),
                    talking.containsKey(me.staffId())));
  }
}
