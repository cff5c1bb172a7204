package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * For staff routes that name a town in their path (e.g. {@code /api/v1/staff/tenants/:tenant/...}):
 * passes only the signed-in member's own town. Another town's path answers 404, the same as a town
 * that does not exist, so a member cannot even probe which towns exist. Routes without a town in
 * the path take it from {@link BearerStaffAuth#principal} and need no guard.
 */
public final class TenantGuard implements Handler<RoutingContext> {
  private final String parameter;

  public TenantGuard(String parameter) {
    this.parameter = parameter;
  }

  /** Guards the path parameter {@code tenant}. */
  public static TenantGuard onTenantParameter() {
    return new TenantGuard("tenant");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String named = ctx.pathParam(parameter);
    if (named == null || !named.equals(BearerStaffAuth.principal(ctx).tenant())) {
      ctx.fail(Problem.notFound("no such resource"));
      return;
    }
    ctx.next();
  }
}
