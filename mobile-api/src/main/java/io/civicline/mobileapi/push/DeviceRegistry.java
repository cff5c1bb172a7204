package io.civicline.mobileapi.push;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Staff members' push devices in Redis. A town's devices are one hash (device id to the device and
 * its owner) and each staff member has a set of their device ids; every change touches both in one
 * script. A device id is derived from its token, so registering a token again updates that device,
 * and a phone handed to a colleague who signs in there moves to them instead of pushing to both.
 */
public final class DeviceRegistry {
  /** A staff member's devices beyond this push the oldest registration out (old installs). */
  public static final int MAX_PER_STAFF = 10;

  private static final int REGISTER_ATTEMPTS = 3;

  /**
   * KEYS: devices hash, the new owner's set, the old owner's set. ARGV: id, device JSON, the owner
   * the caller read (empty for none), the cap. Answers 0 when the owner changed since it was read.
   */
  private static final LuaScript REGISTER =
      new LuaScript(
          """
          local current = redis.call('HGET', KEYS[1], ARGV[1])
          local owner = ''
          if current then owner = cjson.decode(current).staffId end
          if owner ~= ARGV[3] then return 0 end
          if owner ~= '' then redis.call('SREM', KEYS[3], ARGV[1]) end
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          redis.call('SADD', KEYS[2], ARGV[1])
          local ids = redis.call('SMEMBERS', KEYS[2])
          local count = #ids
          if count > tonumber(ARGV[4]) then
            local oldestId, oldestAt
            for _, id in ipairs(ids) do
              local stored = redis.call('HGET', KEYS[1], id)
              if not stored then
                redis.call('SREM', KEYS[2], id)
                count = count - 1
              elseif id ~= ARGV[1] then
                local at = cjson.decode(stored).registeredAt
                if oldestAt == nil or at < oldestAt then oldestAt = at; oldestId = id end
              end
            end
            if oldestId and count > tonumber(ARGV[4]) then
              redis.call('HDEL', KEYS[1], oldestId)
              redis.call('SREM', KEYS[2], oldestId)
            end
          end
          return 1
          """);

  /** KEYS: devices hash, the owner's set. ARGV: id, owner. Answers 1 when removed. */
  private static final LuaScript REMOVE =
      new LuaScript(
          """
          local current = redis.call('HGET', KEYS[1], ARGV[1])
          if not current then
            redis.call('SREM', KEYS[2], ARGV[1])
            return 0
          end
          if cjson.decode(current).staffId ~= ARGV[2] then return 0 end
          redis.call('HDEL', KEYS[1], ARGV[1])
          redis.call('SREM', KEYS[2], ARGV[1])
          return 1
          """);

  private final Redis redis;
  private final Clock clock;

  public DeviceRegistry(Redis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String devicesKey(String tenant) {
    return Keys.tenant(tenant, "devices");
  }

  static String staffKey(String tenant, String staffId) {
    return Keys.tenant(tenant, "staff-devices", staffId);
  }

  /** The id a token gets: the same for the same token, revealing nothing of it. */
  public static String deviceId(Platform platform, String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((platform.wire() + ":" + token).getBytes(StandardCharsets.UTF_8));
      return "dev-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers (or re-registers) a device for a staff member; answers it as stored. */
  public Future<Device> register(
      String tenant, String staffId, Platform platform, String token, String appVersion) {
    // whole seconds, so the stored ISO times sort as text in the script
    Device device =
        new Device(
            deviceId(platform, token),
            platform,
            token,
            appVersion,
            clock.instant().truncatedTo(ChronoUnit.SECONDS));
    return register(tenant, staffId, device, REGISTER_ATTEMPTS);
  }

  private Future<Device> register(String tenant, String staffId, Device device, int attempts) {
    return owner(tenant, device.id())
        .compose(
            owner ->
                REGISTER.run(
                    redis,
                    List.of(
                        devicesKey(tenant),
                        staffKey(tenant, staffId),
                        staffKey(tenant, owner.isEmpty() ? staffId : owner)),
                    List.of(
                        device.id(),
                        device.toStoredJson(staffId).encode(),
                        owner,
                        Integer.toString(MAX_PER_STAFF))))
        .compose(
            done -> {
              if (done.toInteger() == 1) {
                return Future.succeededFuture(device);
              }
              if (attempts <= 1) {
                return Future.failedFuture(
                    new IllegalStateException("device registration kept racing another"));
              }
              return register(tenant, staffId, device, attempts - 1);
            });
  }

  private Future<String> owner(String tenant, String deviceId) {
    return redis
        .send(Request.cmd(Command.HGET).arg(devicesKey(tenant)).arg(deviceId))
        .map(
            stored -> stored == null ? "" : new JsonObject(stored.toString()).getString("staffId"));
  }

  /** A staff member's devices, oldest registration first. */
  public Future<List<Device>> list(String tenant, String staffId) {
    return redis
        .send(Request.cmd(Command.SMEMBERS).arg(staffKey(tenant, staffId)))
        .compose(
            ids -> {
              if (ids == null || ids.size() == 0) {
                return Future.succeededFuture(List.<Device>of());
              }
              Request read = Request.cmd(Command.HMGET).arg(devicesKey(tenant));
              ids.forEach(id -> read.arg(id.toString()));
              return redis.send(read).map(stored -> owned(stored, staffId));
            });
  }

  private static List<Device> owned(Response stored, String staffId) {
    List<Device> devices = new ArrayList<>();
    for (Response entry : stored) {
      if (entry != null) {
        JsonObject json = new JsonObject(entry.toString());
        // a set entry left by a device that moved to a colleague is not theirs
        if (staffId.equals(json.getString("staffId"))) {
          devices.add(Device.fromStoredJson(json));
        }
      }
    }
    devices.sort(Comparator.comparing(Device::registeredAt).thenComparing(Device::id));
    return devices;
  }

  /**
   * Removes a staff member's device; answers false when they have no such device (another's device
   * included, so nobody learns of it).
   */
  public Future<Boolean> remove(String tenant, String staffId, String deviceId) {
    return REMOVE
        .run(
            redis,
            List.of(devicesKey(tenant), staffKey(tenant, staffId)),
            List.of(deviceId, staffId))
        .map(removed -> removed.toInteger() == 1);
  }

  /** Forgets a device its push service said is gone (uninstalled app, expired token). */
  public Future<Boolean> prune(String tenant, String staffId, Device device) {
    return remove(tenant, staffId, device.id());
  }
}
