package io.civicline.signaling.store;

import io.civicline.core.redis.Keys;
import io.civicline.routing.engine.Action;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Callers waiting for a call back, per tenant and queue, ordered by the time they joined the queue
 * (not the time they asked), so asking for a callback keeps their place.
 */
public final class CallbackQueue {
  private final Redis redis;

  public CallbackQueue(Redis redis) {
    this.redis = redis;
  }

  /** One caller to call back. {@code from} is the town's number they called. */
  public record Request(
      String id, String number, String from, String language, Instant since, Instant requestedAt) {
    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("number", number)
          .put("from", from)
          .put("language", language)
          .put("since", since.toString())
          .put("requestedAt", requestedAt.toString());
    }

    static Request fromJson(JsonObject json) {
      return new Request(
          json.getString("id"),
          json.getString("number"),
          json.getString("from"),
          json.getString("language"),
          Instant.parse(json.getString("since")),
          Instant.parse(json.getString("requestedAt")));
    }
  }

  public static String key(String tenant, String queue) {
    return Keys.tenant(tenant, "callbacks", queue);
  }

  /** The entry a call step queues atomically with its state (see {@link CallSessions#save}). */
  public static CallSessions.QueuedCallback entry(
      String tenant, Action.RequestCallback request, String from, Instant now) {
    Request entry =
        new Request(
            UUID.randomUUID().toString(),
            request.number(),
            from,
            request.language(),
            request.since(),
            now);
    return new CallSessions.QueuedCallback(
        key(tenant, request.queue()), request.since().toEpochMilli(), entry.toJson().encode());
  }

  /** Takes the caller who has waited longest. */
  public Future<Optional<Request>> takeNext(String tenant, String queue) {
    return redis
        .send(io.vertx.redis.client.Request.cmd(Command.ZPOPMIN).arg(key(tenant, queue)))
        .map(
            popped -> {
              if (popped == null
                  || popped.type() != io.vertx.redis.client.ResponseType.MULTI
                  || popped.size() == 0) {
                return Optional.empty();
              }
              // RESP2 answers [member, score]; RESP3 may nest the pair.
              var first = popped.get(0);
              String member =
                  first.type() == io.vertx.redis.client.ResponseType.MULTI
                      ? first.get(0).toString()
                      : first.toString();
              return Optional.of(Request.fromJson(new JsonObject(member)));
            });
  }

  /** Puts a caller back in their place (a callback could not be placed). */
  public Future<Void> putBack(String tenant, String queue, Request request) {
    return redis
        .send(
            io.vertx.redis.client.Request.cmd(Command.ZADD)
                .arg(key(tenant, queue))
                .arg(request.since().toEpochMilli())
                .arg(request.toJson().encode()))
        .mapEmpty();
  }

  /** Everyone waiting, in order. */
  public Future<List<Request>> waiting(String tenant, String queue) {
    return redis
        .send(
            io.vertx.redis.client.Request.cmd(Command.ZRANGE)
                .arg(key(tenant, queue))
                .arg(0)
                .arg(-1))
        .map(
            members -> {
              List<Request> list = new ArrayList<>();
              members.forEach(m -> list.add(Request.fromJson(new JsonObject(m.toString()))));
              return list;
            });
  }
}
