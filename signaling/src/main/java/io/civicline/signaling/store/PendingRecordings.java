package io.civicline.signaling.store;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Recordings handed over by a channel, kept durably in Redis until the voicemail service takes them
 * (a later issue), once per recording id however often the carrier repeats its callback.
 */
public final class PendingRecordings implements RecordingSink {
  private static final LuaScript ADD =
      new LuaScript(
          """
          if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
            redis.call('RPUSH', KEYS[2], ARGV[1])
          end
          return 'ok'
          """);

  private final Redis redis;

  public PendingRecordings(Redis redis) {
    this.redis = redis;
  }

  static String byIdKey(String tenant) {
    return Keys.tenant(tenant, "recordings", "pending");
  }

  static String orderKey(String tenant) {
    return Keys.tenant(tenant, "recordings", "pending-order");
  }

  @Override
  public Future<Void> accept(Recording recording) {
    JsonObject json =
        new JsonObject()
            .put("mailbox", recording.mailbox())
            .put("callId", recording.callId())
            .put("from", recording.from())
            .put("recordingId", recording.recordingId())
            .put("url", recording.url())
            .put("seconds", recording.seconds())
            .put("language", recording.language())
            .put("receivedAt", recording.receivedAt().toString());
    return ADD.run(
            redis,
            List.of(byIdKey(recording.tenant()), orderKey(recording.tenant())),
            List.of(recording.recordingId(), json.encode()))
        .mapEmpty();
  }

  /** The recordings waiting, oldest first. */
  public Future<List<JsonObject>> list(String tenant) {
    return redis
        .send(Request.cmd(Command.LRANGE).arg(orderKey(tenant)).arg(0).arg(-1))
        .compose(
            ids -> {
              if (ids.size() == 0) {
                return Future.succeededFuture(List.<JsonObject>of());
              }
              Request get = Request.cmd(Command.HMGET).arg(byIdKey(tenant));
              ids.forEach(id -> get.arg(id.toString()));
              return redis
                  .send(get)
                  .map(
                      values -> {
                        List<JsonObject> list = new ArrayList<>();
                        values.forEach(v -> list.add(new JsonObject(v.toString())));
                        return list;
                      });
            });
  }
}
