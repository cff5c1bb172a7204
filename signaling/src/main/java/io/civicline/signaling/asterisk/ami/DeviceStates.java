package io.civicline.signaling.asterisk.ami;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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

  private final Redis redis;
  private final Listener listener;

  public DeviceStates(Redis redis) {
    this(redis, (tenant, device, state) -> {});
  }

  /** With {@code listener}, told of every state stored (after a resync: of every device). */
  public DeviceStates(Redis redis, Listener listener) {
    this.redis = redis;
    this.listener = listener;
  }

  static String key(String tenant) {
    return Keys.tenant(tenant, "devices");
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

  /** Every device's state; empty when nothing is known. */
  public Future<Map<String, String>> load(String tenant) {
    return redis
        .send(Request.cmd(Command.HGETALL).arg(key(tenant)))
        .map(
            response -> {
              Map<String, String> states = new HashMap<>();
              if (response != null) {
                for (String device : response.getKeys()) {
                  Response value = response.get(device);
                  states.put(device, value == null ? null : value.toString());
                }
              }
              return states;
            });
  }
}
