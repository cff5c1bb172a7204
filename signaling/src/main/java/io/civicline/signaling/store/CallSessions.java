package io.civicline.signaling.store;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.civicline.routing.engine.CallState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The state of calls in progress, by tenant and call id, so any node can serve a call's next
 * webhook. Each saved step is guarded by a sequence number (two nodes racing on one call cannot
 * both advance it) and remembers its reply under the webhook's idempotency key, so a retried
 * webhook gets the same answer and never advances the call twice. Callback requests made by the
 * step are queued in the same atomic write. Entries expire some hours after the last step.
 */
public final class CallSessions {
  static final Duration TTL = Duration.ofHours(6);
  private static final LuaScript SAVE =
      new LuaScript(
          """
          local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '-1')
          if seq ~= tonumber(ARGV[1]) then return 'conflict' end
          redis.call('HSET', KEYS[1], 'state', ARGV[2], 'seq', seq + 1, 'meta', ARGV[3])
          redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
          redis.call('EXPIRE', KEYS[1], ARGV[6])
          redis.call('EXPIRE', KEYS[2], ARGV[6])
          local callbacks = cjson.decode(ARGV[7])
          for i, entry in ipairs(callbacks) do
            redis.call('ZADD', KEYS[2 + i], entry.score, entry.member)
          end
          return 'ok'
          """);

  private final Redis redis;

  public CallSessions(Redis redis) {
    this.redis = redis;
  }

  /** A call's state with its sequence number and facts the channel keeps beside it. */
  public record Session(CallState state, long seq, JsonObject meta) {}

  /** A callback to queue with the step: the queue's key, its place and the entry. */
  public record QueuedCallback(String key, long score, String member) {}

  static String stateKey(String tenant, String callId) {
    return Keys.tenant(tenant, "call", callId);
  }

  static String repliesKey(String tenant, String callId) {
    return Keys.tenant(tenant, "call", callId, "replies");
  }

  public Future<Optional<Session>> load(String tenant, String callId) {
    return redis
        .send(
            Request.cmd(Command.HMGET)
                .arg(stateKey(tenant, callId))
                .arg("state")
                .arg("seq")
                .arg("meta"))
        .map(
            fields -> {
              if (fields.get(0) == null) {
                return Optional.empty();
              }
              return Optional.of(
                  new Session(
                      CallState.fromJson(new JsonObject(fields.get(0).toString())),
                      fields.get(1).toLong(),
                      new JsonObject(fields.get(2).toString())));
            });
  }

  /** The reply already given to a webhook with this idempotency key, if any. */
  public Future<Optional<String>> reply(String tenant, String callId, String key) {
    return redis
        .send(Request.cmd(Command.HGET).arg(repliesKey(tenant, callId)).arg(key))
        .map(reply -> Optional.ofNullable(reply).map(Object::toString));
  }

  /**
   * Saves the step if the call is still at {@code expectedSeq} (-1 for a new call); answers false
   * when another request advanced it first.
   */
  public Future<Boolean> save(
      String tenant,
      String callId,
      long expectedSeq,
      CallState state,
      JsonObject meta,
      String replyKey,
      String reply,
      List<QueuedCallback> callbacks) {
    List<String> keys =
        new java.util.ArrayList<>(List.of(stateKey(tenant, callId), repliesKey(tenant, callId)));
    JsonArray entries = new JsonArray();
    for (QueuedCallback callback : callbacks) {
      keys.add(callback.key());
      entries.add(new JsonObject().put("score", callback.score()).put("member", callback.member()));
    }
    List<String> args =
        List.of(
            String.valueOf(expectedSeq),
            state.toJson().encode(),
            meta.encode(),
            replyKey,
            reply,
            String.valueOf(TTL.toSeconds()),
            entries.isEmpty() ? "[]" : entries.encode());
    return SAVE.run(redis, keys, args).map(result -> "ok".equals(result.toString()));
  }
}
