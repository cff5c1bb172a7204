package io.civicline.ops.directory;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.DirectoryObject;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Stored;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * The five routes of a collection (list, create, read, replace, delete), the same for every kind:
 * within a tenant ({@code /api/v1/tenants/:tenant/<collection>}) or platform-wide.
 */
public final class DirectoryRoutes {
  public static final String TENANT_BASE = "/api/v1/tenants/:tenant";

  private final DirectoryService directory;
  private final TenantAccess access;

  public DirectoryRoutes(DirectoryService directory, TenantAccess access) {
    this.directory = directory;
    this.access = access;
  }

  /** Routes of a tenant's collection; tenant admins of that tenant may use them. */
  public <T extends DirectoryObject> void mountTenantCollection(Router router, Kind<T> kind) {
    mount(router, TENANT_BASE + "/" + kind.collection(), kind, access::scope, access::scope);
  }

  /**
   * Routes of a platform-wide collection: anyone signed in may read it; only platform admins change
   * it.
   */
  public <T extends DirectoryObject> void mountPlatformCollection(
      Router router, String path, Kind<T> kind) {
    mount(
        router,
        path,
        kind,
        ctx -> Future.succeededFuture(Scope.PLATFORM),
        ctx -> {
          BearerAuth.requirePlatformAdmin(ctx);
          return Future.succeededFuture(Scope.PLATFORM);
        });
  }

  private <T extends DirectoryObject> void mount(
      Router router,
      String base,
      Kind<T> kind,
      Function<RoutingContext, Future<Scope>> readScope,
      Function<RoutingContext, Future<Scope>> writeScope) {
    String one = base + "/:id";
    router
        .get(base)
        .handler(endpoint(ctx -> readScope.apply(ctx).compose(s -> list(ctx, s, kind))));
    router
        .post(base)
        .handler(endpoint(ctx -> writeScope.apply(ctx).compose(s -> create(ctx, s, kind))));
    router.get(one).handler(endpoint(ctx -> readScope.apply(ctx).compose(s -> read(ctx, s, kind))));
    router
        .put(one)
        .handler(endpoint(ctx -> writeScope.apply(ctx).compose(s -> replace(ctx, s, kind))));
    router
        .delete(one)
        .handler(endpoint(ctx -> writeScope.apply(ctx).compose(s -> delete(ctx, s, kind))));
  }

  private Future<Reply> list(RoutingContext ctx, Scope scope, Kind<?> kind) {
    int limit = Requests.limit(ctx);
    String cursor = Requests.cursor(ctx);
    return directory
        .list(scope, kind, cursor, limit)
        .map(page -> Reply.ok(Representation.page(page)));
  }

  private <T extends DirectoryObject> Future<Reply> create(
      RoutingContext ctx, Scope scope, Kind<T> kind) {
    return directory
        .create(scope, kind, JsonBodies.object(ctx), BearerAuth.principal(ctx).actor())
        .map(
            stored ->
                withEtag(stored, 201).header("Location", ctx.request().path() + "/" + stored.id()));
  }

  private Future<Reply> read(RoutingContext ctx, Scope scope, Kind<?> kind) {
    String id = Requests.pathId(ctx, "id");
    return directory
        .get(scope, kind, id)
        .map(
            stored ->
                withEtag(
                    stored.orElseThrow(
                        () -> Problem.notFound("no " + kind.noun() + " '" + id + "'")),
                    200));
  }

  private <T extends DirectoryObject> Future<Reply> replace(
      RoutingContext ctx, Scope scope, Kind<T> kind) {
    String id = Requests.pathId(ctx, "id");
    long expected = Requests.ifMatch(ctx, true).getAsLong();
    return directory
        .replace(
            scope, kind, id, JsonBodies.object(ctx), expected, BearerAuth.principal(ctx).actor())
        .map(stored -> withEtag(stored, 200));
  }

  private Future<Reply> delete(RoutingContext ctx, Scope scope, Kind<?> kind) {
    String id = Requests.pathId(ctx, "id");
    return directory
        .delete(
            scope,
            kind,
            id,
            Requests.ifMatch(ctx, false),
            BearerAuth.principal(ctx).actor(),
            List.of())
        .map(v -> Reply.noContent());
  }

  public static Reply withEtag(Stored stored, int status) {
    return new Reply(status, Representation.of(stored), java.util.Map.of())
        .header("ETag", stored.etag());
  }
}
