package io.civicline.ops.directory;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.Tenant;
import io.civicline.core.redis.Keys;
import io.civicline.core.store.Page;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.auth.Principal;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tenants: platform admins create, list and delete them; a tenant admin sees and edits only its
 * own. Each tenant's record lives in its own slot; the platform keeps a registry of tenant ids for
 * listing, added to before a create and removed from after a delete, so a listed id without a
 * record is possible after a crash (and skipped) but a record without a listing is not.
 */
public final class TenantRoutes {
  private final DirectoryService directory;
  private final TenantAccess access;
  private final Kinds kinds;
  private final Redis redis;

  public TenantRoutes(DirectoryService directory, TenantAccess access, Kinds kinds, Redis redis) {
    this.directory = directory;
    this.access = access;
    this.kinds = kinds;
    this.redis = redis;
  }

  public static String registryKey() {
    return Keys.platform("tenants");
  }

  public void mount(Router router) {
    router.get("/api/v1/tenants").handler(endpoint(this::list));
    router.post("/api/v1/tenants").handler(endpoint(this::create));
    String one = "/api/v1/tenants/:tenant";
    router.get(one).handler(endpoint(ctx -> access.scope(ctx).compose(s -> read(s))));
    router.put(one).handler(endpoint(ctx -> access.scope(ctx).compose(s -> replace(ctx, s))));
    router.delete(one).handler(endpoint(this::delete));
  }

  /** Creates a tenant (used by the API and by the demo seed). */
  public Future<Stored> create(JsonObject body, io.civicline.core.store.Actor actor) {
    Object id = body.getValue("id");
    if (!(id instanceof String tenantId)) {
      throw withOtherProblems(
          new FieldError("#/id", "is required: a short name such as 'lakeside'"), body);
    }
    String problem =
        Tenant.RESERVED_IDS.contains(tenantId)
            ? "is reserved; choose another"
            : Formats.slug(tenantId);
    if (problem != null) {
      throw withOtherProblems(new FieldError("#/id", problem), body);
    }
    directory.parse(kinds.tenant, tenantId, body);
    return redis
        .send(Request.cmd(Command.ZADD).arg(registryKey()).arg(0).arg(tenantId))
        .compose(v -> directory.create(Scope.tenant(tenantId), kinds.tenant, body, actor));
  }

  private Future<Reply> create(RoutingContext ctx) {
    BearerAuth.requirePlatformAdmin(ctx);
    return create(JsonBodies.object(ctx), BearerAuth.principal(ctx).actor())
        .map(
            stored ->
                DirectoryRoutes.withEtag(stored, 201)
                    .header("Location", "/api/v1/tenants/" + stored.id()));
  }

  private Future<Reply> read(Scope scope) {
    return directory
        .get(scope, kinds.tenant, scope.id())
        .map(stored -> DirectoryRoutes.withEtag(stored.orElseThrow(), 200));
  }

  private Future<Reply> replace(RoutingContext ctx, Scope scope) {
    long expected = Requests.ifMatch(ctx, true).getAsLong();
    return directory
        .replace(
            scope,
            kinds.tenant,
            scope.id(),
            JsonBodies.object(ctx),
            expected,
            BearerAuth.principal(ctx).actor())
        .map(stored -> DirectoryRoutes.withEtag(stored, 200));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    return access
        .scope(ctx)
        .compose(
            scope -> {
              BearerAuth.requirePlatformAdmin(ctx);
              OptionalLong expected = Requests.ifMatch(ctx, false);
              List<String> collections = kinds.mustBeEmptyToDeleteTenant();
              return directory
                  .delete(
                      scope,
                      kinds.tenant,
                      scope.id(),
                      expected,
                      BearerAuth.principal(ctx).actor(),
                      collections)
                  .compose(
                      v -> redis.send(Request.cmd(Command.ZREM).arg(registryKey()).arg(scope.id())))
                  .map(v -> Reply.noContent());
            });
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal principal = BearerAuth.principal(ctx);
    int limit = Requests.limit(ctx);
    String cursor = Requests.cursor(ctx);
    if (!principal.isPlatformAdmin()) {
      String own = principal.tenant().orElseThrow();
      return directory
          .get(Scope.tenant(own), kinds.tenant, own)
          .map(
              stored ->
                  Reply.ok(
                      Representation.page(new Page<>(stored.stream().toList(), Optional.empty()))));
    }
    Request range =
        Request.cmd(Command.ZRANGEBYLEX)
            .arg(registryKey())
            .arg(cursor == null ? "-" : "(" + cursor)
            .arg("+")
            .arg("LIMIT")
            .arg(0)
            .arg(limit + 1);
    return redis
        .send(range)
        .compose(ids -> page(ids, limit))
        .map(page -> Reply.ok(Representation.page(page)));
  }

  /** Each tenant lives in its own slot, so they are read one by one, concurrently. */
  private Future<Page<Stored>> page(Response ids, int limit) {
    List<String> all = new ArrayList<>();
    ids.forEach(id -> all.add(id.toString()));
    List<String> pageIds = all.subList(0, Math.min(limit, all.size()));
    List<Future<Optional<Stored>>> reads =
        pageIds.stream().map(id -> directory.get(Scope.tenant(id), kinds.tenant, id)).toList();
    return Future.all(reads)
        .map(
            done -> {
              List<Stored> items = new ArrayList<>();
              reads.forEach(read -> read.result().ifPresent(items::add));
              Optional<String> next =
                  all.size() > limit
                      ? Optional.of(pageIds.get(pageIds.size() - 1))
                      : Optional.empty();
              return new Page<>(items, next);
            });
  }

  /** The id's problem together with any in the rest of the body, so all come back at once. */
  private InvalidInputException withOtherProblems(FieldError idProblem, JsonObject body) {
    List<FieldError> errors = new ArrayList<>(List.of(idProblem));
    try {
      directory.parse(kinds.tenant, "placeholder", body.copy().put("id", "placeholder"));
    } catch (InvalidInputException others) {
      errors.addAll(others.errors());
    }
    return new InvalidInputException(errors);
  }
}
