package io.civicline.mobileapi.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Adapts an endpoint returning a future JSON body to a route handler; failures go to {@link
 * StaffProblems}.
 */
final class Endpoint {
  private Endpoint() {}

  /** 200 with the body, never cached: staff answers carry tokens or personal data. */
  static Handler<RoutingContext> json(Function<RoutingContext, Future<JsonObject>> endpoint) {
    return ctx -> run(ctx, endpoint, body -> send(ctx, 200, body));
  }

  /** {@code status} (e.g. 202 for work queued) with the body, never cached. */
  static Handler<RoutingContext> json(
      int status, Function<RoutingContext, Future<JsonObject>> endpoint) {
    return ctx -> run(ctx, endpoint, body -> send(ctx, status, body));
  }

  /** 204 once the work is done. */
  static Handler<RoutingContext> noContent(Function<RoutingContext, Future<Void>> endpoint) {
    return ctx -> run(ctx, endpoint, ignored -> send(ctx, 204, null));
  }

  /** Stored bytes a client downloads (a recording, an attachment). */
  record Download(String contentType, byte[] content) {}

  /**
   * 200 with the bytes as their stored content type, kept only by the client itself; never sniffed
   * as something else, and offered for download rather than shown inline, since residents chose
   * what they sent.
   */
  static Handler<RoutingContext> download(Function<RoutingContext, Future<Download>> endpoint) {
    return ctx ->
        run(
            ctx,
            endpoint,
            file ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                    .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Disposition", "attachment")
                    .end(io.vertx.core.buffer.Buffer.buffer(file.content())));
  }

  private static <T> void run(
      RoutingContext ctx,
      Function<RoutingContext, Future<T>> endpoint,
      java.util.function.Consumer<T> onSuccess) {
    Future<T> result;
    try {
      result = endpoint.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onSuccess(onSuccess::accept).onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    var response =
        ctx.response()
            .setStatusCode(status)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .putHeader("Pragma", "no-cache");
    if (body == null) {
      response.end();
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
  }
}
