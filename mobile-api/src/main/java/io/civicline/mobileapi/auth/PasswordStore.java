package io.civicline.mobileapi.auth;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Optional;

/**
 * Each staff member's password hash, under {@code civicline:{t:<tenant>}:staff-auth:password:<id>}:
 * apart from the staff document, so no directory read, export or audit entry ever carries it.
 */
public final class PasswordStore {
  private static final LuaScript REPLACE =
      new LuaScript(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then"
              + " redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0");

  private final Redis redis;

  public PasswordStore(Redis redis) {
    this.redis = redis;
  }

  public Future<Optional<String>> get(String tenant, String staffId) {
    return redis
        .send(Request.cmd(Command.GET).arg(key(tenant, staffId)))
        .map(value -> Optional.ofNullable(value).map(Object::toString));
  }

  public Future<Void> set(String tenant, String staffId, String encodedHash) {
    return redis
        .send(Request.cmd(Command.SET).arg(key(tenant, staffId)).arg(encodedHash))
        .mapEmpty();
  }

  /**
   * Replaces {@code old} by {@code upgraded} (a rehash with today's parameters) unless the password
   * was changed meanwhile, which must win.
   */
  public Future<Boolean> upgrade(String tenant, String staffId, String old, String upgraded) {
    return REPLACE
        .run(redis, List.of(key(tenant, staffId)), List.of(old, upgraded))
        .map(done -> done.toInteger() == 1);
  }

  public Future<Void> delete(String tenant, String staffId) {
    return redis.send(Request.cmd(Command.DEL).arg(key(tenant, staffId))).mapEmpty();
  }

  static String key(String tenant, String staffId) {
    return Keys.tenant(tenant, "staff-auth", "password", staffId);
  }
}
