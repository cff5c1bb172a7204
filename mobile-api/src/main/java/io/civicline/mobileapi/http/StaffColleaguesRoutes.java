package io.civicline.mobileapi.http;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.presence.OnCalls;
import io.civicline.core.presence.PresenceView;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/staff/colleagues/presence}: everyone who shares a department with the signed-in
 * member (the member too), with their presence and whether they are on a call, so an app can draw
 * its team list at start; {@code presence.changed} events keep it current afterwards.
 */
public final class StaffColleaguesRoutes {
  public static final String COLLEAGUES = StaffAuthRoutes.BASE + "/colleagues/presence";

  private final DocumentStore store;
  private final StaffDirectory directory;
  private final OnCalls onCalls;
  private final BearerStaffAuth auth;
  private final java.time.Clock clock;

  public StaffColleaguesRoutes(
      DocumentStore store,
      StaffDirectory directory,
      OnCalls onCalls,
      BearerStaffAuth auth,
      java.time.Clock clock) {
    this.clock = clock;
    this.store = store;
    this.directory = directory;
    this.onCalls = onCalls;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get(COLLEAGUES).handler(auth).handler(Endpoint.json(this::colleagues));
  }

  private Future<JsonObject> colleagues(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    Future<List<StaffMember>> staff = directory.all(me.tenant());
    Future<Map<String, Instant>> talking = onCalls.now(me.tenant());
    return Future.all(staff, talking)
        .compose(
            done -> {
              Set<String> mine =
                  staff.result().stream()
                      .filter(m -> m.id().equals(me.staffId()))
                      .findFirst()
                      .map(m -> Set.copyOf(m.departmentIds()))
                      .orElse(Set.of());
              List<StaffMember> team =
                  staff.result().stream()
                      .filter(m -> m.departmentIds().stream().anyMatch(mine::contains))
                      .toList();
              return presenceOf(me.tenant(), team)
                  .map(
                      presence -> {
                        JsonArray items = new JsonArray();
                        for (int i = 0; i < team.size(); i++) {
                          StaffMember member = team.get(i);
                          items.add(
                              PresenceView.of(
                                      member.id(),
                                      PresenceView.at(presence.get(i), clock.instant()),
                                      talking.result().containsKey(member.id()))
                                  .put("name", member.name())
                                  .put("departments", new JsonArray(member.departmentIds())));
                        }
                        return new JsonObject().put("items", items);
                      });
            });
  }

  private Future<List<Optional<JsonObject>>> presenceOf(String tenant, List<StaffMember> team) {
    List<Future<Optional<Stored>>> reads = new ArrayList<>();
    team.forEach(m -> reads.add(store.get(tenant, PresenceStatus.COLLECTION, m.id())));
    return Future.all(reads)
        .map(done -> reads.stream().map(read -> read.result().map(Stored::body)).toList());
  }
}
