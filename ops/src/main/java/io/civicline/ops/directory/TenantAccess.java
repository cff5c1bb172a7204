package io.civicline.ops.directory;

import io.civicline.core.directory.Tenant;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.auth.Principal;
import io.civicline.ops.http.Requests;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the {@code :tenant} of a path to a scope the caller may use. A tenant admin asking for
 * another tenant gets the same 404 as for a tenant that does not exist, so tenants cannot even
 * learn of each other.
 */
public final class TenantAccess {
  private final DocumentStore store;

  public TenantAccess(DocumentStore store) {
    this.store = store;
  }

  public Future<Scope> scope(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    Principal principal = BearerAuth.principal(ctx);
    if (tenant == null || !principal.mayAccess(tenant)) {
      return Future.failedFuture(noSuchTenant(tenant));
    }
    String id = Requests.pathId(ctx, "tenant");
    return store
        .get(id, Tenant.COLLECTION, id)
        .map(
            stored -> {
              if (stored.isEmpty()) {
                throw noSuchTenant(id);
              }
              return Scope.tenant(id);
            });
  }

  static Problem noSuchTenant(String tenant) {
    return Problem.notFound("no tenant '" + tenant + "'");
  }
}
