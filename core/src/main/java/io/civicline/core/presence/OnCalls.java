package io.civicline.core.presence;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which staff members of a town are connected on a call right now, set when a channel learns that
 * one answered and cleared when the call (or their leg of it) ends. One Redis hash per town: staff
 * id to {@code {callId, since, expiresAt}}. A node that crashes mid-call cannot clear its marks, so
 * each expires: readers ignore a mark past its {@code expiresAt}, and the whole hash goes once no
 * mark has been written for that long.
 */
public final class OnCalls {
  /**
   * How long a mark lasts without being cleared: Twilio ends a dialled call after four hours (the
   * Dial's default {@code timeLimit}), a few minutes more for late webhooks.
   */
  public static final Duration SAFETY_NET = Duration.ofHours(4).plusMinutes(5);

  /** 1 when the member was not on a call before (or only by a lapsed mark), else 0. */
  private static final LuaScript START =
      new LuaScript(
          """
          local was = redis.call('HGET', KEYS[1], ARGV[1])
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          if was and cjson.decode(was).expiresAt > tonumber(ARGV[4]) then
            return 0
          end
          return 1
          """);

  /** Clears the member's mark if it is this call's; 1 when a live mark was cleared. */
  private static final LuaScript END =
      new LuaScript(
          """
          local was = redis.call('HGET', KEYS[1], ARGV[1])
          if not was then
            return 0
          end
          local mark = cjson.decode(was)
          if mark.callId ~= ARGV[2] then
            return 0
          end
          redis.call('HDEL', KEYS[1], ARGV[1])
          if mark.expiresAt > tonumber(ARGV[3]) then
            return 1
          end
          return 0
          """);

  private final Redis redis;
  private final Clock clock;

  public OnCalls(Redis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String key(String tenant) {
    return Keys.tenant(tenant, "on-call");
  }

  /** {@code staffId} is connected on {@code callId} from now; true when they were not before. */
  public Future<Boolean> started(String tenant, String staffId, String callId) {
    Instant now = clock.instant();
    JsonObject mark =
        new JsonObject()
            .put("callId", callId)
            .put("since", now.toString())
            .put("expiresAt", now.plus(SAFETY_NET).toEpochMilli());
    return START
        .run(
            redis,
            List.of(key(tenant)),
            List.of(
                staffId,
                mark.encode(),
                String.valueOf(SAFETY_NET.toMillis()),
                String.valueOf(now.toEpochMilli())))
        .map(OnCalls::yes);
  }

  /**
   * {@code staffId}'s part in {@code callId} is over; true when that ended their being on a call (a
   * mark of another call is left alone).
   */
  public Future<Boolean> ended(String tenant, String staffId, String callId) {
    return END.run(
            redis,
            List.of(key(tenant)),
            List.of(staffId, callId, String.valueOf(clock.instant().toEpochMilli())))
        .map(OnCalls::yes);
  }

  /** Everyone of the town on a call now, with when they got on it. */
  public Future<Map<String, Instant>> now(String tenant) {
    long now = clock.instant().toEpochMilli();
    return redis
        .send(Request.cmd(Command.HGETALL).arg(key(tenant)))
        .map(
            response -> {
              Map<String, Instant> onCall = new HashMap<>();
              if (response != null) {
                for (String staffId : response.getKeys()) {
                  JsonObject mark = new JsonObject(response.get(staffId).toString());
                  if (mark.getLong("expiresAt", 0L) > now) {
                    onCall.put(staffId, Instant.parse(mark.getString("since")));
                  }
                }
              }
              return onCall;
            });
  }

  private static boolean yes(Response response) {
    return response != null && response.toInteger() == 1;
  }
}
