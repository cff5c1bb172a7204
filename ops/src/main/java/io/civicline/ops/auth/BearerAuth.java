package io.civicline.ops.auth;

import io.civicline.core.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Resolves the {@code Authorization: Bearer} token to a {@link Principal} for later handlers. */
public final class BearerAuth implements Handler<RoutingContext> {
  private static final String KEY = "civicline.principal";
  private final TokenService tokens;

  public BearerAuth(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(Problem.unauthorized("send an admin API token as 'Authorization: Bearer <token>'"));
      return;
    }
    tokens
        .authenticate(header.substring(7).strip())
        .onSuccess(
            principal -> {
              if (principal.isEmpty()) {
                ctx.fail(Problem.unauthorized("the token is unknown or was revoked"));
              } else {
                ctx.put(KEY, principal.get());
                ctx.next();
              }
            })
        .onFailure(ctx::fail);
  }

  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route is not behind BearerAuth");
    }
    return principal;
  }

  /** Only platform admins pass. */
  public static void requirePlatformAdmin(RoutingContext ctx) {
    if (!principal(ctx).isPlatformAdmin()) {
      throw Problem.forbidden("this needs a platform-admin token");
    }
  }
}
