package io.civicline.signaling.asterisk.ami;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Asterisk device state of each desk phone of a tenant ({@code PJSIP/101 -> INUSE}), as one
 * Redis hash {@code civicline:{t:<tenant>}:devices}. Staff presence reads it so that a phone that
 * is in use is not rung. States are Asterisk's names: {@code NOT_INUSE}, {@code INUSE}, {@code
 * BUSY}, {@code RINGING}, {@code RINGINUSE}, {@code ONHOLD}, {@code UNAVAILABLE}, {@code INVALID},
 * {@code UNKNOWN}.
 *
 * <p>The states are only as good as an AMI link that keeps them current. Every node whose link to
 * the town's Asterisk is up says so in {@code civicline:{t:<tenant>}:devices-live} (node -> until,
 * renewed while the link lasts, removed when it drops); with no node's link up, {@link #load}
 * answers nothing known, so a phone last seen talking is not skipped forever while Asterisk cannot
 * tell us it hung up. Liveness is kept in real time, whatever clock calls are routed by.
 */
public final class DeviceStates {
  /**
   * Delete and refill in one step, so readers never see an empty or half-written hash. HSET in
   * slices: Lua's unpack() has a stack limit of a few thousand values.
   */
  private static final LuaScript REPLACE =
      new LuaScript(
          """
          redis.call('DEL', KEYS[1])
          local i = 1
          while i <= #ARGV do
            local last = math.min(i + 999, #ARGV)
            redis.call('HSET', KEYS[1], unpack(ARGV, i, last))
            i = last + 1
          end
          return 'ok'
          """);

  /** Hears each state once it is stored: one device of one tenant, e.g. PJSIP/101 INUSE. */
  @FunctionalInterface
  public interface Listener {
    void stored(String tenant, String device, String state);
  }

  /** The states, when some node's AMI link is live: expired links are dropped first. */
  private static final LuaScript LOAD_IF_LIVE =
      new LuaScript(
          """
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
          if redis.call('ZCARD', KEYS[2]) == 0 then
            return {}
          end
          return redis.call('HGETALL', KEYS[1])
          """);

  private final Redis redis;
  private final Listener listener;
  private final Clock realTime;

  public DeviceStates(Redis redis) {
    this(redis, (tenant, device, state) -> {});
  }

  /** With {@code listener}, told of every state stored (after a resync: of every device). */
  public DeviceStates(Redis redis, Listener listener) {
    this(redis, listener, Clock.systemUTC());
  }

  /** With the clock links expire by (tests). */
  DeviceStates(Redis redis, Listener listener, Clock realTime) {
    this.redis = redis;
    this.listener = listener;
    this.realTime = realTime;
  }

  static String key(String tenant) {
    return Keys.tenant(tenant, "devices");
  }

  static String liveKey(String tenant) {
    return Keys.tenant(tenant, "devices-live");
  }

  /** {@code node}'s AMI link to the tenant's Asterisk is up, for {@code lasting} unless renewed. */
  public Future<Void> linkUp(String tenant, String node, Duration lasting) {
    long until = realTime.instant().plus(lasting).toEpochMilli();
    return redis
        .send(Request.cmd(Command.ZADD).arg(liveKey(tenant)).arg(until).arg(node))
        .mapEmpty();
  }

  /** {@code node}'s AMI link dropped: its word on the states no longer counts. */
  public Future<Void> linkDown(String tenant, String node) {
    return redis.send(Request.cmd(Command.ZREM).arg(liveKey(tenant)).arg(node)).mapEmpty();
  }

  /**
   * Replaces the tenant's whole set atomically: devices missing from {@code stateByDevice} are gone
   * afterwards (used after a resync, so stale entries of removed phones vanish).
   */
  public Future<Void> replaceAll(String tenant, Map<String, String> stateByDevice) {
    List<String> args = new ArrayList<>(stateByDevice.size() * 2);
    stateByDevice.forEach(
        (device, state) -> {
          args.add(device);
          args.add(state);
        });
    return REPLACE
        .run(redis, List.of(key(tenant)), args)
        .<Void>mapEmpty()
        .onSuccess(v -> stateByDevice.forEach((device, state) -> tell(tenant, device, state)));
  }

  /** Records one device's new state. */
  public Future<Void> put(String tenant, String device, String state) {
    return redis
        .send(Request.cmd(Command.HSET).arg(key(tenant)).arg(device).arg(state))
        .<Void>mapEmpty()
        .onSuccess(v -> tell(tenant, device, state));
  }

  /** A listener's failure is its own: the state is stored either way. */
  private void tell(String tenant, String device, String state) {
    try {
      listener.stored(tenant, device, state);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(DeviceStates.class)
          .atWarn()
          .addKeyValue("tenant", tenant)
          .addKeyValue("device", device)
          .setCause(e)
          .log("device state listener failed");
    }
  }

  /**
   * Every device's state, as far as it is known now: empty when nothing is, including while no
   * node's AMI link to the town's Asterisk is up.
   */
  public Future<Map<String, String>> load(String tenant) {
    return LOAD_IF_LIVE
        .run(
            redis, List.of(key(tenant), liveKey(tenant)), List.of(Long.toString(realTime.millis())))
        .map(DeviceStates::pairs);
  }

  /** The states last stored, whether or not a link still vouches for them. */
  public Future<Map<String, String>> stored(String tenant) {
    return redis.send(Request.cmd(Command.HGETALL).arg(key(tenant))).map(DeviceStates::pairs);
  }

  /** HGETALL answers a map over RESP3 and [field, value, ...] over RESP2 and from Lua. */
  private static Map<String, String> pairs(Response response) {
    Map<String, String> states = new HashMap<>();
    if (response == null) {
      return states;
    }
    if (response.isMap()) {
      for (String device : response.getKeys()) {
        Response value = response.get(device);
        states.put(device, value == null ? null : value.toString());
      }
      return states;
    }
    for (int i = 0; i + 1 < response.size(); i += 2) {
      states.put(response.get(i).toString(), response.get(i + 1).toString());
    }
    return states;
  }
}
