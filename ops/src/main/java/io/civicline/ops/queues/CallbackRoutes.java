package io.civicline.ops.queues;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.Formats;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.Reply;
import io.civicline.signaling.store.CallbackDialer;
import io.civicline.signaling.store.CallbackQueue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/**
 * Residents waiting for a call back, per department queue: the list (in the order they joined the
 * queue), and placing the next callback when someone is free to take it.
 */
public final class CallbackRoutes {
  private final TenantAccess access;
  private final CallbackQueue queue;
  private final Function<String, Optional<CallbackDialer>> calls;

  /**
   * @param calls the channel that places a town's callbacks (its Asterisk, else Twilio), if any
   */
  public CallbackRoutes(
      TenantAccess access, CallbackQueue queue, Function<String, Optional<CallbackDialer>> calls) {
    this.access = access;
    this.queue = queue;
    this.calls = calls;
  }

  public void mount(Router router) {
    String base = DirectoryRoutes.TENANT_BASE + "/queues/:queue/callbacks";
    router
        .get(base)
        .handler(
            endpoint(ctx -> access.scope(ctx).compose(scope -> list(scope.id(), queueOf(ctx)))));
    router
        .post(base + "/next")
        .handler(
            endpoint(
                ctx -> access.scope(ctx).compose(scope -> dispatch(scope.id(), queueOf(ctx)))));
  }

  private Future<Reply> list(String tenant, String queueName) {
    return queue
        .waiting(tenant, queueName)
        .map(
            waiting -> {
              JsonArray items = new JsonArray();
              waiting.forEach(request -> items.add(json(request)));
              return Reply.ok(new JsonObject().put("items", items));
            });
  }

  private Future<Reply> dispatch(String tenant, String queueName) {
    Optional<CallbackDialer> dialer = calls.apply(tenant);
    if (dialer.isEmpty()) {
      throw new Problem(
          409, "channel-off", "Conflict", "no voice channel is configured to place callbacks");
    }
    return dialer
        .get()
        .dispatchNext(tenant, queueName)
        .map(
            placed ->
                placed
                    .map(request -> Reply.ok(new JsonObject().put("placed", json(request))))
                    .orElseGet(() -> Reply.ok(new JsonObject().putNull("placed"))));
  }

  private static String queueOf(RoutingContext ctx) {
    String name = ctx.pathParam("queue");
    if (name == null || Formats.slug(name) != null) {
      throw Problem.notFound("no queue '" + name + "'");
    }
    return name;
  }

  private static JsonObject json(CallbackQueue.Request request) {
    return new JsonObject()
        .put("id", request.id())
        .put("number", request.number())
        .put("language", request.language())
        .put("since", request.since().toString())
        .put("requestedAt", request.requestedAt().toString());
  }
}
