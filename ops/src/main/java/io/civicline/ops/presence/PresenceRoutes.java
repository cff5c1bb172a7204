package io.civicline.ops.presence;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;

/** {@code /presence}: every staff member's status, one's status, and setting it. */
public final class PresenceRoutes {
  private final PresenceService presence;
  private final TenantAccess access;

  public PresenceRoutes(PresenceService presence, TenantAccess access) {
    this.presence = presence;
    this.access = access;
  }

  public void mount(Router router) {
    String base = DirectoryRoutes.TENANT_BASE + "/presence";
    router
        .get(base)
        .handler(
            endpoint(
                ctx -> {
                  int limit = Requests.limit(ctx);
                  String cursor = Requests.cursor(ctx);
                  return access
                      .scope(ctx)
                      .compose(scope -> presence.list(scope, cursor, limit))
                      .map(
                          page ->
                              Reply.ok(
                                  new JsonObject()
                                      .put("items", new JsonArray(new ArrayList<>(page.items())))
                                      .put("next", page.next().orElse(null))));
                }));
    router
        .get(base + "/:staffId")
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(scope -> presence.get(scope, Requests.pathId(ctx, "staffId")))
                        .map(Reply::ok)));
    router
        .put(base + "/:staffId")
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(
                            scope ->
                                presence.set(
                                    scope,
                                    Requests.pathId(ctx, "staffId"),
                                    JsonBodies.object(ctx),
                                    BearerAuth.principal(ctx).actor()))
                        .map(Reply::ok)));
  }
}
