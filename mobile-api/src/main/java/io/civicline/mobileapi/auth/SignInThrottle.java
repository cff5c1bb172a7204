package io.civicline.mobileapi.auth;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Limits password guessing per (town, email) and per client address. Every attempt counts as a
 * failure until it succeeds; past the limit the key is locked for a time that doubles with each
 * further failure. Counters exist for emails nobody has, too, so a lockout reveals nothing about
 * which accounts exist.
 *
 * <p>Account counters live in the town's slot under the email's SHA-256 (no addresses in key
 * names); address counters are platform-wide, as one attacker may try many towns.
 */
public final class SignInThrottle {
  private static final LuaScript SCRIPT = LuaScript.resource(SignInThrottle.class, "throttle.lua");

  private final Redis redis;
  private final StaffAuthSettings.Throttle limits;
  private final Clock clock;

  public SignInThrottle(Redis redis, StaffAuthSettings.Throttle limits, Clock clock) {
    this.redis = redis;
    this.limits = limits;
    this.clock = clock;
  }

  /** Counts an attempt; false when the address or the account is locked. */
  public Future<Boolean> attempt(String tenant, String email, ClientInfo client) {
    return run(addressKey(client), "attempt", limits.addressFailures())
        .compose(
            allowed ->
                allowed
                    ? run(accountKey(tenant, email), "attempt", limits.accountFailures())
                    : Future.succeededFuture(false));
  }

  /**
   * The attempt succeeded: the account starts afresh, the address only gets this attempt back (so
   * one valid account does not wipe the record of guesses at others from the same address).
   */
  public Future<Void> succeeded(String tenant, String email, ClientInfo client) {
    return Future.all(
            run(accountKey(tenant, email), "clear", limits.accountFailures()),
            run(addressKey(client), "undo", limits.addressFailures()))
        .mapEmpty();
  }

  /** Lifts an account's lockout, e.g. when an administrator sets a new password. */
  public Future<Void> clearAccount(String tenant, String email) {
    return run(accountKey(tenant, email), "clear", limits.accountFailures()).mapEmpty();
  }

  private Future<Boolean> run(String key, String mode, int limit) {
    return SCRIPT
        .run(
            redis,
            List.of(key),
            List.of(
                mode,
                Long.toString(clock.millis()),
                Integer.toString(limit),
                Long.toString(limits.firstLockout().toMillis()),
                Long.toString(limits.maxLockout().toMillis()),
                Long.toString(limits.window().toMillis())))
        .map(result -> result.toInteger() == 1);
  }

  static String accountKey(String tenant, String email) {
    String digest = RandomTokens.sha256(email.strip().toLowerCase(Locale.ROOT));
    return Keys.tenant(tenant, "staff-auth", "throttle", "email", digest);
  }

  static String addressKey(ClientInfo client) {
    // IPv6 addresses contain ':' which is fine inside a key part; braces cannot occur
    return Keys.platform("staff-auth", "throttle", "address", client.address());
  }
}
