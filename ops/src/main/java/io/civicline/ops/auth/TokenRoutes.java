package io.civicline.ops.auth;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.Tenant;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.ops.directory.Representation;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Platform admins issue, list and revoke admin API tokens. The secret is in the create answer only;
 * afterwards nobody, the server included, can show it again.
 */
public final class TokenRoutes {
  private final TokenService tokens;
  private final DocumentStore store;

  public TokenRoutes(TokenService tokens, DocumentStore store) {
    this.tokens = tokens;
    this.store = store;
  }

  public void mount(Router router) {
    router.get("/api/v1/tokens").handler(endpoint(this::list));
    router.post("/api/v1/tokens").handler(endpoint(this::issue));
    router.get("/api/v1/tokens/:id").handler(endpoint(this::read));
    router.delete("/api/v1/tokens/:id").handler(endpoint(this::revoke));
  }

  private Future<Reply> list(RoutingContext ctx) {
    BearerAuth.requirePlatformAdmin(ctx);
    return tokens
        .list(Requests.cursor(ctx), Requests.limit(ctx))
        .map(page -> Reply.ok(Representation.page(page)));
  }

  private Future<Reply> read(RoutingContext ctx) {
    BearerAuth.requirePlatformAdmin(ctx);
    String id = ctx.pathParam("id");
    return tokens
        .get(id)
        .map(
            token ->
                Reply.ok(
                    Representation.of(
                        token.orElseThrow(() -> Problem.notFound("no token '" + id + "'")))));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    BearerAuth.requirePlatformAdmin(ctx);
    return tokens
        .revoke(ctx.pathParam("id"), BearerAuth.principal(ctx).actor())
        .map(v -> Reply.noContent());
  }

  private Future<Reply> issue(RoutingContext ctx) {
    BearerAuth.requirePlatformAdmin(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(JsonBodies.object(ctx), errors);
    String name = in.string("name", true, 120);
    String roleText =
        in.string(
            "role",
            true,
            20,
            text ->
                Principal.Role.fromWire(text).isPresent()
                    ? null
                    : "must be 'platform-admin' or 'tenant-admin'");
    String tenant = in.string("tenant", false, 48, Formats::slug);
    in.rejectUnknownFields();
    Optional<Principal.Role> role = Optional.ofNullable(roleText).flatMap(Principal.Role::fromWire);
    if (role.filter(r -> r == Principal.Role.TENANT_ADMIN).isPresent()
        && tenant == null
        && !in.has("tenant")) {
      errors.add("#/tenant", "is required for a tenant-admin token");
    }
    if (role.filter(r -> r == Principal.Role.PLATFORM_ADMIN).isPresent() && tenant != null) {
      errors.add("#/tenant", "must be left out: a platform-admin token serves every tenant");
    }
    errors.throwIfAny();
    return tenantExists(tenant)
        .compose(
            v ->
                tokens.issue(
                    name,
                    role.orElseThrow(),
                    Optional.ofNullable(tenant),
                    BearerAuth.principal(ctx).actor()))
        .map(
            issued ->
                new Reply(
                        201,
                        Representation.of(issued.record()).put("token", issued.secret()),
                        java.util.Map.of())
                    .header("Location", "/api/v1/tokens/" + issued.record().id())
                    .header("Cache-Control", "no-store"));
  }

  private Future<Void> tenantExists(String tenant) {
    if (tenant == null) {
      return Future.succeededFuture();
    }
    return store
        .get(tenant, Tenant.COLLECTION, tenant)
        .map(
            found -> {
              if (found.isEmpty()) {
                throw Problem.invalid("#/tenant", "no tenant '" + tenant + "'");
              }
              return null;
            });
  }
}
