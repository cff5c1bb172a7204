package io.civicline.ops.flows;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.Problem;
import io.civicline.core.store.Page;
import io.civicline.core.store.Stored;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.Scope;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/**
 * {@code /flows}: create (JSON or YAML), list, read, new versions, delete, versions, publish or
 * roll back, the diagram of a version, and simulated calls.
 */
public final class FlowRoutes {
  private final FlowService flows;
  private final FlowSimulation simulation;
  private final TenantAccess access;

  public FlowRoutes(FlowService flows, FlowSimulation simulation, TenantAccess access) {
    this.flows = flows;
    this.simulation = simulation;
    this.access = access;
  }

  public void mount(Router router) {
    String base = DirectoryRoutes.TENANT_BASE + "/flows";
    String one = base + "/:id";
    String version = one + "/versions/:n";
    router.get(base).handler(scoped(this::list));
    router.post(base).handler(scoped(this::create));
    router.get(one).handler(scoped(this::read));
    router.put(one).handler(scoped(this::update));
    router.delete(one).handler(scoped(this::delete));
    router.get(one + "/versions").handler(scoped(this::versions));
    router.get(version).handler(scoped(this::version));
    router.post(version + "/publish").handler(scoped(this::publish));
    router.get(version + "/graph").handler(scoped(this::graph));
    router.post(one + "/simulate").handler(scoped(this::simulate));
  }

  private io.vertx.core.Handler<RoutingContext> scoped(
      BiFunction<RoutingContext, Scope, Future<Reply>> route) {
    return endpoint(ctx -> access.scope(ctx).compose(scope -> route.apply(ctx, scope)));
  }

  private Future<Reply> list(RoutingContext ctx, Scope scope) {
    int limit = Requests.limit(ctx);
    String cursor = Requests.cursor(ctx);
    return flows
        .list(scope, cursor, limit)
        .map(page -> Reply.ok(page(page, FlowRoutes::summary, page.next().orElse(null))));
  }

  private Future<Reply> create(RoutingContext ctx, Scope scope) {
    FlowRequest request = FlowRequest.read(ctx, null);
    return flows
        .create(scope, request, BearerAuth.principal(ctx).actor())
        .map(
            stored ->
                withEtag(stored, 201, detail(stored, request.document()))
                    .header("Location", ctx.request().path() + "/" + stored.id()));
  }

  private Future<Reply> read(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    return flows
        .get(scope, id)
        .compose(
            flow ->
                flows
                    .version(scope, id, flow.body().getInteger("latestVersion"))
                    .map(
                        latest ->
                            withEtag(
                                flow, 200, detail(flow, latest.body().getJsonObject("document")))));
  }

  private Future<Reply> update(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    long expected = Requests.ifMatch(ctx, true).getAsLong();
    FlowRequest request = FlowRequest.read(ctx, id);
    return flows
        .update(scope, request, expected, BearerAuth.principal(ctx).actor())
        .map(stored -> withEtag(stored, 200, detail(stored, request.document())));
  }

  private Future<Reply> delete(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    return flows
        .delete(scope, id, Requests.ifMatch(ctx, false), BearerAuth.principal(ctx).actor())
        .map(v -> Reply.noContent());
  }

  private Future<Reply> versions(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    int limit = Requests.limit(ctx);
    String cursor = versionCursor(ctx, id);
    return flows
        .get(scope, id)
        .compose(
            flow ->
                flows
                    .versions(scope, id, cursor, limit)
                    .map(
                        page -> {
                          String next =
                              page.next()
                                  .map(n -> String.valueOf(Integer.parseInt(n.split("@")[1])))
                                  .orElse(null);
                          return Reply.ok(page(page, v -> versionJson(v, flow, false), next));
                        }));
  }

  private Future<Reply> version(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    int n = versionNumber(ctx);
    return flows
        .get(scope, id)
        .compose(
            flow -> flows.version(scope, id, n).map(v -> Reply.ok(versionJson(v, flow, true))));
  }

  private Future<Reply> publish(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    int n = versionNumber(ctx);
    return flows
        .publish(scope, id, n, BearerAuth.principal(ctx).actor())
        .map(stored -> withEtag(stored, 200, summary(stored)));
  }

  private Future<Reply> graph(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    int n = versionNumber(ctx);
    return flows
        .version(scope, id, n)
        .map(
            v ->
                Reply.ok(
                    FlowGraph.of(FlowService.parsed(id, v)).put("flowId", id).put("version", n)));
  }

  private Future<Reply> simulate(RoutingContext ctx, Scope scope) {
    String id = Requests.pathId(ctx, "id");
    JsonObject body = JsonBodies.object(ctx);
    return simulation.run(scope, id, body).map(Reply::ok);
  }

  static JsonObject summary(Stored flow) {
    return new JsonObject()
        .put("id", flow.id())
        .put("name", flow.body().getString("name"))
        .put("latestVersion", flow.body().getInteger("latestVersion"))
        .put("publishedVersion", flow.body().getInteger("publishedVersion"))
        .put("version", flow.version())
        .put("createdAt", flow.createdAt().toString())
        .put("updatedAt", flow.updatedAt().toString());
  }

  private static JsonObject detail(Stored flow, JsonObject document) {
    return summary(flow).put("document", document);
  }

  private static JsonObject versionJson(Stored version, Stored flow, boolean withDocument) {
    int n = version.body().getInteger("version");
    JsonObject json =
        new JsonObject()
            .put("flowId", flow.id())
            .put("version", n)
            .put("published", Integer.valueOf(n).equals(flow.body().getInteger("publishedVersion")))
            .put("createdAt", version.createdAt().toString());
    if (withDocument) {
      json.put("document", version.body().getJsonObject("document"));
    }
    return json;
  }

  private static JsonObject page(
      Page<Stored> page, java.util.function.Function<Stored, JsonObject> wire, String next) {
    JsonArray items = new JsonArray();
    page.items().forEach(s -> items.add(wire.apply(s)));
    return new JsonObject().put("items", items).put("next", next);
  }

  private static Reply withEtag(Stored flow, int status, JsonObject body) {
    return new Reply(status, body, java.util.Map.of()).header("ETag", flow.etag());
  }

  /** A version number in the path; anything else names no version: 404. */
  private static int versionNumber(RoutingContext ctx) {
    String text = ctx.pathParam("n");
    if (text != null && text.matches("[1-9][0-9]{0,8}")) {
      return Integer.parseInt(text);
    }
    throw Problem.notFound("no version '" + text + "'");
  }

  /** The versions' cursor is the last version number of the previous page. */
  private static String versionCursor(RoutingContext ctx, String flowId) {
    String cursor = ctx.request().getParam("cursor");
    if (cursor == null) {
      return null;
    }
    if (!cursor.matches("[1-9][0-9]{0,8}")) {
      throw Problem.badParameter("cursor", "must be the 'next' value of a previous page");
    }
    return FlowStore.versionId(flowId, Integer.parseInt(cursor));
  }
}
