package io.civicline.ops.audit;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.Problem;
import io.civicline.core.store.AuditEntry;
import io.civicline.core.store.AuditTrail;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Lists a tenant's audit log (every change, newest first), and the platform's. */
public final class AuditRoutes {
  private final AuditTrail trail;
  private final TenantAccess access;

  public AuditRoutes(AuditTrail trail, TenantAccess access) {
    this.trail = trail;
    this.access = access;
  }

  public void mount(Router router) {
    router
        .get(DirectoryRoutes.TENANT_BASE + "/audit")
        .handler(endpoint(ctx -> access.scope(ctx).compose(scope -> list(ctx, scope.id()))));
    router
        .get("/api/v1/audit")
        .handler(
            endpoint(
                ctx -> {
                  BearerAuth.requirePlatformAdmin(ctx);
                  return list(ctx, DocumentStore.PLATFORM);
                }));
  }

  private Future<Reply> list(RoutingContext ctx, String scope) {
    int limit = Requests.limit(ctx);
    String cursor = ctx.request().getParam("cursor");
    if (cursor != null && !cursor.matches("[0-9]{1,20}-[0-9]{1,20}")) {
      throw Problem.badParameter("cursor", "must be the 'next' value of a previous page");
    }
    return trail.list(scope, cursor, limit).map(page -> Reply.ok(json(page)));
  }

  private static JsonObject json(Page<AuditEntry> page) {
    JsonArray items = new JsonArray();
    page.items().forEach(entry -> items.add(entry.toJson()));
    return new JsonObject().put("items", items).put("next", page.next().orElse(null));
  }
}
