package io.civicline.signaling.store;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.StoreException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which tenant owns each public number. A number belongs to exactly one tenant of the deployment:
 * the tenant claims it here (platform slot) before its own write, and releases it after deleting
 * it. A claim whose tenant never stored the number (its write failed) is taken over once it is old
 * enough that no write can still be under way.
 */
public final class NumberRegistry {
  static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
  private static final LuaScript CLAIM =
      new LuaScript(
          """
          local current = redis.call('HGET', KEYS[1], ARGV[1])
          if not current or string.match(current, '^([^|]*)') == ARGV[2]
              or current == ARGV[4] then
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
            return 'ok'
          end
          return current
          """);
  private static final LuaScript RELEASE =
      new LuaScript(
          """
          local current = redis.call('HGET', KEYS[1], ARGV[1])
          if current and string.match(current, '^([^|]*)') == ARGV[2] then
            redis.call('HDEL', KEYS[1], ARGV[1])
          end
          return 'ok'
          """);

  private final Redis redis;
  private final Clock clock;

  public NumberRegistry(Redis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String ownersKey() {
    return Keys.platform("number-owners");
  }

  /** Claims {@code number} for {@code tenant}, or fails with 409 if another tenant holds it. */
  public Future<Void> claim(String tenant, String number) {
    return claim(tenant, number, "")
        .compose(
            current ->
                current.equals("ok")
                    ? Future.succeededFuture()
                    : takeOverIfAbandoned(tenant, number, current));
  }

  private Future<String> claim(String tenant, String number, String replaceable) {
    List<String> args = List.of(number, tenant, String.valueOf(clock.millis()), replaceable);
    return CLAIM.run(redis, List.of(ownersKey()), args).map(Object::toString);
  }

  private Future<Void> takeOverIfAbandoned(String tenant, String number, String current) {
    String owner = current.substring(0, current.indexOf('|'));
    long claimedAt = Long.parseLong(current.substring(current.indexOf('|') + 1));
    return ownerHolds(owner, number)
        .compose(
            holds -> {
              boolean abandoned = !holds && clock.millis() - claimedAt > ABANDONED_AFTER.toMillis();
              if (!abandoned) {
                return Future.failedFuture(taken(number));
              }
              return claim(tenant, number, current)
                  .compose(
                      result ->
                          result.equals("ok")
                              ? Future.<Void>succeededFuture()
                              : Future.failedFuture(taken(number)));
            });
  }

  private Future<Boolean> ownerHolds(String owner, String number) {
    Request held =
        Request.cmd(Command.HEXISTS)
            .arg(DocumentStore.uniqueKey(owner, PhoneNumber.NUMBER_CONSTRAINT))
            .arg(number);
    return redis.send(held).map(response -> response.toInteger() == 1);
  }

  /** Gives up the claim after the tenant deleted its number. */
  public Future<Void> release(String tenant, String number) {
    return RELEASE.run(redis, List.of(ownersKey()), List.of(number, tenant)).mapEmpty();
  }

  /** The tenant that owns a number, for routing an incoming call or text. */
  public Future<Optional<String>> owner(String number) {
    return redis
        .send(Request.cmd(Command.HGET).arg(ownersKey()).arg(number))
        .compose(
            value -> {
              if (value == null) {
                return Future.succeededFuture(Optional.<String>empty());
              }
              String text = value.toString();
              String owner = text.substring(0, text.indexOf('|'));
              return ownerHolds(owner, number)
                  .map(holds -> holds ? Optional.of(owner) : Optional.<String>empty());
            });
  }

  private static StoreException taken(String number) {
    // The other town is not named: tenants must not learn about each other.
    return new StoreException.UniqueTaken("#/number", number, "another tenant of this deployment");
  }
}
