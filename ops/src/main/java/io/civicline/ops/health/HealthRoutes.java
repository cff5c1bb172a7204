package io.civicline.ops.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/**
 * Liveness (the process answers) and readiness (it can reach Redis, its system of record); a node
 * that is not ready should get no traffic.
 */
public final class HealthRoutes {
  private static final long REDIS_TIMEOUT_MS = 2000;
  private final Redis redis;

  public HealthRoutes(Redis redis) {
    this.redis = redis;
  }

  public void mount(Router router) {
    router
        .get("/health/live")
        .handler(ctx -> answer(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    redis
        .send(Request.cmd(Command.PING))
        .timeout(REDIS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onSuccess(pong -> answer(ctx, 200, status("UP", "UP")))
        .onFailure(failure -> answer(ctx, 503, status("DOWN", "DOWN")));
  }

  private static JsonObject status(String overall, String redis) {
    return new JsonObject()
        .put("status", overall)
        .put("checks", new JsonObject().put("redis", redis));
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
