package io.civicline.ops.calls;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.Formats;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.civicline.routing.engine.Outcome;
import io.civicline.signaling.store.CallRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code /calls}: the town's call records, newest first, with filters; and one record. */
public final class CallRoutes {
  private static final List<String> OUTCOMES =
      Arrays.stream(Outcome.values()).map(Outcome::wire).toList();

  private final CallRecords records;
  private final TenantAccess access;

  public CallRoutes(CallRecords records, TenantAccess access) {
    this.records = records;
    this.access = access;
  }

  public void mount(Router router) {
    String base = DirectoryRoutes.TENANT_BASE + "/calls";
    router
        .get(base)
        .handler(
            endpoint(
                ctx -> {
                  int limit = Requests.limit(ctx);
                  String cursor = cursor(ctx);
                  Optional<Instant> since = instant(ctx, "since");
                  Optional<Instant> until = instant(ctx, "until");
                  Predicate<JsonObject> filter = filter(ctx);
                  return access
                      .scope(ctx)
                      .compose(
                          scope -> records.list(scope.id(), since, until, cursor, limit, filter))
                      .map(
                          page ->
                              Reply.ok(
                                  new JsonObject()
                                      .put("items", new JsonArray(new ArrayList<>(page.items())))
                                      .put("next", page.next().orElse(null))));
                }));
    router
        .get(base + "/:callId")
        .handler(
            endpoint(
                ctx -> {
                  String callId = ctx.pathParam("callId");
                  return access
                      .scope(ctx)
                      .compose(
                          scope ->
                              callId.matches("[A-Za-z0-9_-]{1,64}")
                                  ? records.get(scope.id(), callId)
                                  : io.vertx.core.Future.succeededFuture(
                                      Optional.<JsonObject>empty()))
                      .map(
                          found ->
                              Reply.ok(
                                  found.orElseThrow(
                                      () -> Problem.notFound("no call '" + callId + "'"))));
                }));
  }

  /** {@code outcome}, {@code from} and {@code to}, each optional, all of them must match. */
  private static Predicate<JsonObject> filter(RoutingContext ctx) {
    String outcome = ctx.request().getParam("outcome");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw Problem.badParameter("outcome", "must be one of " + OUTCOMES);
    }
    String from = number(ctx, "from");
    String to = number(ctx, "to");
    return call ->
        (outcome == null || outcome.equals(call.getString("outcome")))
            && (from == null || from.equals(call.getString("from")))
            && (to == null || to.equals(call.getString("to")));
  }

  private static String number(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value != null && Formats.e164(value) != null) {
      throw Problem.badParameter(name, Formats.e164(value) + " (write + as %2B in a URL)");
    }
    return value;
  }

  private static Optional<Instant> instant(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw Problem.badParameter(name, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  /** The records' cursor is {@code <start millis>:<call id>} of the last record of the page. */
  private static String cursor(RoutingContext ctx) {
    String cursor = ctx.request().getParam("cursor");
    if (cursor != null && !cursor.matches("[0-9]{1,18}(:[A-Za-z0-9-]{1,64})?")) {
      throw Problem.badParameter("cursor", "must be the 'next' value of a previous page");
    }
    return cursor;
  }
}
