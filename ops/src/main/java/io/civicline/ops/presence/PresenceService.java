package io.civicline.ops.presence;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Actor;
import io.civicline.core.store.Page;
import io.civicline.core.store.StoreException;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether staff can take calls: one record per staff member, set by admins (later by the app). A
 * staff member without a record is offline. {@code since} moves only when the status changes, so
 * longest-idle ringing sees how long someone has been available.
 */
public final class PresenceService {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PresenceService.class);
  private static final List<String> STATUSES = PresenceStatus.WIRE;
  private static final int ATTEMPTS = 3;

  private final DirectoryService directory;
  private final Kinds kinds;
  private final StaffEvents events;
  private final java.util.function.Function<String, Future<java.util.Set<String>>> onCall;
  private final Clock clock;

  public PresenceService(DirectoryService directory, Kinds kinds, Clock clock) {
    this(directory, kinds, StaffEvents.NONE, clock);
  }

  /** {@code events}: colleagues' apps hear of every change ({@code presence.changed}). */
  public PresenceService(DirectoryService directory, Kinds kinds, StaffEvents events, Clock clock) {
    this(directory, kinds, events, tenant -> Future.succeededFuture(java.util.Set.of()), clock);
  }

  /**
   * {@code onCall}: who of a town is connected on a call now, so the announced presence carries
   * {@code onCall} like every other {@code presence.changed}.
   */
  public PresenceService(
      DirectoryService directory,
      Kinds kinds,
      StaffEvents events,
      java.util.function.Function<String, Future<java.util.Set<String>>> onCall,
      Clock clock) {
    this.onCall = onCall;
    this.directory = directory;
    this.kinds = kinds;
    this.events = events;
    this.clock = clock;
  }

  /** Every staff member of a page of the staff list, with their presence. */
  public Future<Page<JsonObject>> list(Scope scope, String cursor, int limit) {
    return directory
        .list(scope, kinds.staff, cursor, limit)
        .compose(
            staff -> {
              List<Future<Optional<Stored>>> reads = new ArrayList<>();
              staff.items().forEach(s -> reads.add(directory.get(scope, kinds.presence, s.id())));
              return Future.all(reads)
                  .map(
                      done -> {
                        List<JsonObject> items = new ArrayList<>();
                        for (int i = 0; i < reads.size(); i++) {
                          items.add(wire(staff.items().get(i).id(), reads.get(i).result()));
                        }
                        return new Page<>(items, staff.next());
                      });
            });
  }

  public Future<JsonObject> get(Scope scope, String staffId) {
    return requireStaff(scope, staffId, false)
        .compose(v -> directory.get(scope, kinds.presence, staffId))
        .map(stored -> wire(staffId, stored));
  }

  /** Sets a staff member's status; an unchanged status changes nothing. */
  public Future<JsonObject> set(Scope scope, String staffId, JsonObject body, Actor actor) {
    Requested status = readStatus(staffId, body);
    return requireStaff(scope, staffId, true)
        .compose(v -> write(scope, staffId, status, actor, ATTEMPTS))
        .map(stored -> wire(staffId, Optional.of(stored)))
        .onSuccess(now -> announce(scope, staffId, now));
  }

  /** A status to set, and when it lapses (if it does). */
  private record Requested(String status, String until) {}

  private Future<Stored> write(
      Scope scope, String staffId, Requested status, Actor actor, int left) {
    JsonObject next =
        new JsonObject().put("status", status.status()).put("since", clock.instant().toString());
    if (status.until() != null) {
      next.put("until", status.until());
    }
    return directory
        .get(scope, kinds.presence, staffId)
        .compose(
            current -> {
              if (current.isEmpty()) {
                return directory.create(
                    scope, kinds.presence, next.copy().put("id", staffId), actor);
              }
              JsonObject was = current.get().body();
              if (status.status().equals(was.getString("status"))
                  && java.util.Objects.equals(status.until(), was.getString("until"))) {
                return Future.succeededFuture(current.get());
              }
              return directory.replace(
                  scope, kinds.presence, staffId, next, current.get().version(), actor);
            })
        .recover(
            failure -> {
              boolean raced =
                  failure instanceof StoreException.VersionMismatch
                      || failure instanceof StoreException.AlreadyExists;
              return raced && left > 1
                  ? write(scope, staffId, status, actor, left - 1)
                  : Future.failedFuture(failure);
            });
  }

  private static Requested readStatus(String staffId, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String status =
        in.string(
            "status",
            true,
            16,
            text ->
                STATUSES.contains(text)
                    ? null
                    : "must be available, busy, away, do-not-disturb or offline");
    String until =
        in.string(
            "until",
            false,
            40,
            text -> {
              try {
                java.time.Instant.parse(text);
                return null;
              } catch (java.time.format.DateTimeParseException e) {
                return "must be a UTC date-time, e.g. 2026-11-24T19:00:00Z";
              }
            });
    String given = in.string("staffId", false, 48);
    if (given != null && !given.equals(staffId)) {
      errors.add("#/staffId", "must match the staff id in the path ('" + staffId + "')");
    }
    in.has("since"); // read-only: a read record may be sent back
    in.rejectUnknownFields();
    errors.throwIfAny();
    return new Requested(status, until);
  }

  /** Tells the member's colleagues (their departments' staff apps) the new status. */
  private void announce(Scope scope, String staffId, JsonObject presence) {
    Future<java.util.Set<String>> talking = onCall.apply(scope.id());
    directory
        .get(scope, kinds.staff, staffId)
        .compose(staff -> talking.map(onCallNow -> Map.entry(staff, onCallNow)))
        .compose(
            found -> {
              var staff = found.getKey();
              java.util.Set<String> departments = new java.util.HashSet<>();
              staff.ifPresent(
                  s ->
                      s.body()
                          .getJsonArray("departmentIds", new io.vertx.core.json.JsonArray())
                          .forEach(d -> departments.add(String.valueOf(d))));
              return events.publish(
                  scope.id(),
                  new StaffEvent(
                      io.civicline.core.presence.PresenceView.CHANGED,
                      new StaffEvent.Audience(java.util.Set.of(staffId), departments, false),
                      io.civicline.core.presence.PresenceView.of(
                          staffId,
                          java.util.Optional.of(presence),
                          found.getValue().contains(staffId))));
            })
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", scope.id())
                    .setCause(failure)
                    .log("could not tell colleagues of a presence change"));
  }

  /** Presence is kept for staff only: unknown staff is a 404 to read and a 422 to set. */
  private Future<Void> requireStaff(Scope scope, String staffId, boolean forWrite) {
    return directory
        .get(scope, kinds.staff, staffId)
        .map(
            staff -> {
              if (staff.isPresent()) {
                return null;
              }
              String detail = "no staff member '" + staffId + "'";
              throw forWrite ? Problem.invalid("#/staffId", detail) : Problem.notFound(detail);
            });
  }

  /** The member's presence as it reads now (a lapsed until reads as available). */
  private JsonObject wire(String staffId, Optional<Stored> stored) {
    JsonObject json = new JsonObject().put("staffId", staffId);
    Optional<JsonObject> now =
        io.civicline.core.presence.PresenceView.at(stored.map(Stored::body), clock.instant());
    if (now.isEmpty()) {
      return json.put("status", PresenceStatus.Status.OFFLINE.wire()).putNull("since");
    }
    JsonObject body = now.get();
    json.put("status", body.getString("status")).put("since", body.getString("since"));
    if (body.containsKey("until")) {
      json.put("until", body.getString("until"));
    }
    return json;
  }
}
