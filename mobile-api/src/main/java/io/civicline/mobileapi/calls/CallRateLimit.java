package io.civicline.mobileapi.calls;

import io.civicline.core.redis.Keys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many calls a staff member may place from the app in a clock hour: a stolen phone or token
 * must not run up the town's phone bill. Counted per member in Redis, so every node shares it.
 */
public final class CallRateLimit {
  public static final int DEFAULT_PER_HOUR = 60;

  private final Redis redis;
  private final Clock clock;
  private final int perHour;

  public CallRateLimit(Redis redis, Clock clock, int perHour) {
    this.redis = redis;
    this.clock = clock;
    this.perHour = perHour;
  }

  /** Counts one call; answers empty when allowed, else how long until the next hour. */
  public Future<java.util.Optional<Duration>> take(String tenant, String staffId) {
    Instant now = clock.instant();
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    String key = Keys.tenant(tenant, "call-rate", staffId, String.valueOf(hour.getEpochSecond()));
    return redis
        .send(Request.cmd(Command.INCR).arg(key))
        .compose(
            count ->
                redis
                    .send(Request.cmd(Command.EXPIRE).arg(key).arg(3700))
                    .map(
                        ignored ->
                            count.toLong() <= perHour
                                ? java.util.Optional.<Duration>empty()
                                : java.util.Optional.of(
                                    Duration.between(now, hour.plus(Duration.ofHours(1))))));
  }
}
