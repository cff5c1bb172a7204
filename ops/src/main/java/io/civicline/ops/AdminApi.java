package io.civicline.ops;

import io.civicline.core.http.Problem;
import io.civicline.ops.audit.AuditRoutes;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.auth.TokenRoutes;
import io.civicline.ops.calls.CallRoutes;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.HolidayRoutes;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.TenantRoutes;
import io.civicline.ops.flows.FlowRoutes;
import io.civicline.ops.health.HealthRoutes;
import io.civicline.ops.http.AccessLog;
import io.civicline.ops.http.Problems;
import io.civicline.ops.presence.PresenceRoutes;
import io.civicline.ops.queues.CallbackRoutes;
import io.civicline.ops.voicemail.ExportRoutes;
import io.civicline.ops.voicemail.GreetingRoutes;
import io.civicline.ops.voicemail.MailboxRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Assembles the HTTP routes: health and metrics open, everything under /api/v1 behind a token. */
public final class AdminApi {
  public static final String OPENAPI_RESOURCE = "/openapi/civicline-admin-api.json";

  /** The route groups, built by the composition root. */
  public record Routes(
      HealthRoutes health,
      Handler<RoutingContext> metrics,
      BearerAuth auth,
      TenantRoutes tenants,
      DirectoryRoutes directory,
      HolidayRoutes holidays,
      AuditRoutes audit,
      TokenRoutes tokens,
      PresenceRoutes presence,
      FlowRoutes flows,
      CallRoutes calls,
      CallbackRoutes callbacks,
      MailboxRoutes voicemail,
      ExportRoutes exports,
      GreetingRoutes greetings,
      io.civicline.ops.staff.StaffAccessRoutes staffAccess,
      io.civicline.ops.staff.SmsRulesRoutes smsRules,
      Kinds kinds) {}

  private AdminApi() {}

  public static Router router(Vertx vertx, Routes routes, int maxBodyBytes) {
    return router(vertx, routes, maxBodyBytes, java.util.List.of());
  }

  /**
   * The router, with channel webhooks (e.g. Twilio's) mounted by {@code channels}; they check their
   * own signatures instead of admin tokens.
   */
  public static Router router(
      Vertx vertx,
      Routes routes,
      int maxBodyBytes,
      java.util.List<java.util.function.Consumer<Router>> channels) {
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    routes.health().mount(router);
    channels.forEach(channel -> channel.accept(router));
    router.get("/metrics").handler(routes.metrics());
    Buffer openApi = Buffer.buffer(openApiDocument());
    router
        .get("/api/v1/openapi.json")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));

    // Greeting uploads read their body with their own, larger limit; the API-wide handler below
    // then leaves it alone.
    routes.greetings().mountBodyLimit(router);
    router
        .route("/api/v1/*")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(routes.auth());
    routes.tenants().mount(router);
    routes.voicemail().mount(router);
    routes.exports().mount(router);
    routes.greetings().mount(router);
    routes
        .kinds()
        .tenantCollections()
        .forEach(kind -> routes.directory().mountTenantCollection(router, kind));
    routes
        .directory()
        .mountPlatformCollection(router, "/api/v1/holiday-calendars", routes.kinds().calendars);
    routes.holidays().mount(router);
    routes.audit().mount(router);
    routes.tokens().mount(router);
    routes.presence().mount(router);
    routes.staffAccess().mount(router);
    routes.smsRules().mount(router);
    routes.flows().mount(router);
    routes.calls().mount(router);
    routes.callbacks().mount(router);

    router.route().failureHandler(Problems::handle);
    router.errorHandler(
        404,
        ctx -> Problems.send(ctx, Problem.notFound("no such resource: " + ctx.request().path())));
    router.errorHandler(
        405,
        ctx ->
            Problems.send(
                ctx,
                new Problem(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    ctx.request().method() + " is not allowed on " + ctx.request().path())));
    return router;
  }

  static byte[] openApiDocument() {
    try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
