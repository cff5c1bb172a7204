package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.store.Page;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.calls.CallHistory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/staff/calls}: the signed-in member's recent calls, newest first. {@code scope=me}
 * (the default): calls that rang them; {@code scope=departments}: calls that reached their
 * departments (or the one {@code department} named, which must be theirs). A call is {@code missed}
 * when nobody picked up; one a colleague answered is not missed for anyone, its {@code answeredBy}
 * says who took it. {@code missed=true} lists missed calls only.
 */
public final class StaffCallHistoryRoutes {
  public static final String CALLS = StaffAuthRoutes.BASE + "/calls";
  static final int MAX_LIMIT = 100;
  private static final Pattern CURSOR = Pattern.compile("\\d{1,15}(:[A-Za-z0-9._-]{1,128})?");

  private final CallHistory history;
  private final StaffDirectory directory;
  private final BearerStaffAuth auth;

  public StaffCallHistoryRoutes(
      CallHistory history, StaffDirectory directory, BearerStaffAuth auth) {
    this.history = history;
    this.directory = directory;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get(CALLS).handler(auth).handler(Endpoint.json(this::calls));
  }

  private Future<JsonObject> calls(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    String scope = ctx.request().getParam("scope", "me");
    String department = ctx.request().getParam("department");
    boolean missed = flag(ctx.request().getParam("missed"));
    String cursor = ctx.request().getParam("cursor");
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      throw Problem.malformed("cursor must be the next value of a previous page");
    }
    int limit = QueryNumbers.within(ctx, "limit", 1, MAX_LIMIT, 25);
    Future<Page<JsonObject>> page =
        switch (scope) {
          case "me" -> {
            if (department != null) {
              throw Problem.malformed("department goes with scope=departments");
            }
            yield history.rang(me.tenant(), me.staffId(), missed, cursor, limit);
          }
          case "departments" ->
              departments(me, department)
                  .compose(mine -> history.reached(me.tenant(), mine, missed, cursor, limit));
          default -> throw Problem.malformed("scope must be me or departments");
        };
    return page.map(
        found ->
            new JsonObject()
                .put(
                    "items",
                    new JsonArray(
                        found.items().stream().map(StaffCallHistoryRoutes::item).toList()))
                .put("next", found.next().orElse(null)));
  }

  /** The member's departments, or the one named if it is theirs. */
  private Future<Set<String>> departments(StaffPrincipal me, String department) {
    return directory
        .byId(me.tenant(), me.staffId())
        .map(
            member -> {
              Set<String> mine =
                  new LinkedHashSet<>(
                      member.map(m -> m.departmentIds()).orElse(java.util.List.of()));
              if (department == null) {
                return mine;
              }
              if (!mine.contains(department)) {
                throw Problem.forbidden("not a member of department " + department);
              }
              return Set.of(department);
            });
  }

  /** What an app shows of a call: who called which number, when, what became of it. */
  private static JsonObject item(JsonObject record) {
    JsonObject item = new JsonObject();
    for (String field :
        java.util.List.of(
            "id",
            "channel",
            "from",
            "to",
            "startedAt",
            "answeredAt",
            "endedAt",
            "answeredBy",
            "outcome",
            "language")) {
      if (record.getValue(field) != null) {
        item.put(field, record.getValue(field));
      }
    }
    return item.put("rung", record.getJsonArray("rung", new JsonArray()))
        .put("departments", record.getJsonArray("departments", new JsonArray()))
        .put("missed", record.getBoolean("missed", false));
  }

  private static boolean flag(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw Problem.malformed("missed must be true or false");
  }
}
