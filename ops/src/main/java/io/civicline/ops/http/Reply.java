package io.civicline.ops.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** What an endpoint answers: a status, an optional JSON body and headers. */
public record Reply(int status, JsonObject body, Map<String, String> headers) {

  public static Reply ok(JsonObject body) {
    return new Reply(200, body, Map.of());
  }

  public static Reply noContent() {
    return new Reply(204, null, Map.of());
  }

  public Reply header(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }

  /**
   * Adapts an endpoint that returns a future reply to a route handler: failures, thrown or
   * asynchronous, go to the failure handler, which answers with problem+json.
   */
  public static Handler<RoutingContext> endpoint(Function<RoutingContext, Future<Reply>> endpoint) {
    return ctx -> {
      Future<Reply> reply;
      try {
        reply = endpoint.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      reply.onSuccess(r -> send(ctx, r)).onFailure(ctx::fail);
    };
  }

  private static void send(RoutingContext ctx, Reply reply) {
    var response = ctx.response().setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(reply.body().encode());
    }
  }
}
