package io.civicline.mobileapi.push;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which staff members have a live event socket on any node. Each socket is an entry of its staff
 * member's sorted set in Redis, scored with the time it expires; the node that holds the socket
 * pushes that time forward every third of the TTL. A node that crashes stops doing so, and its
 * sockets stop counting within one TTL, without anyone cleaning up after it.
 */
public final class LiveSockets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSockets.class);
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(90);

  /** KEYS: the staff member's set. ARGV: socket id, its expiry, now (ms), key TTL (ms). */
  private static final LuaScript TOUCH =
      new LuaScript(
          """
          redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
          redis.call('PEXPIRE', KEYS[1], ARGV[4])
          return 1
          """);

  private record Socket(String tenant, String staffId) {}

  private final Vertx vertx;
  private final Redis redis;
  private final Clock clock;
  private final Duration ttl;
  private final String node = UUID.randomUUID().toString();
  private final AtomicLong sockets = new AtomicLong();
  private final Map<String, Socket> local = new ConcurrentHashMap<>();
  private final long timer;

  public LiveSockets(Vertx vertx, Redis redis, Clock clock) {
    this(vertx, redis, clock, DEFAULT_TTL);
  }

  public LiveSockets(Vertx vertx, Redis redis, Clock clock, Duration ttl) {
    this.vertx = vertx;
    this.redis = redis;
    this.clock = clock;
    this.ttl = ttl;
    this.timer = vertx.setPeriodic(Math.max(1, ttl.toMillis() / 3), id -> refresh());
  }

  static String key(String tenant, String staffId) {
    return Keys.tenant(tenant, "live-sockets", staffId);
  }

  /**
   * A socket of this staff member opened on this node; answers its id, for {@link
   * #disconnected(String)}.
   */
  public Future<String> connected(String tenant, String staffId) {
    String socketId = node + "-" + sockets.incrementAndGet();
    local.put(socketId, new Socket(tenant, staffId));
    return touch(socketId, new Socket(tenant, staffId)).map(socketId);
  }

  /** The socket closed (any reason); unknown ids are ignored. */
  public Future<Void> disconnected(String socketId) {
    Socket socket = local.remove(socketId);
    if (socket == null) {
      return Future.succeededFuture();
    }
    return redis
        .send(Request.cmd(Command.ZREM).arg(key(socket.tenant(), socket.staffId())).arg(socketId))
        .mapEmpty();
  }

  /** Whether the staff member has a socket on any node that has not expired. */
  public Future<Boolean> hasLiveSocket(String tenant, String staffId) {
    return redis
        .send(
            Request.cmd(Command.ZCOUNT)
                .arg(key(tenant, staffId))
                .arg("(" + clock.millis())
                .arg("+inf"))
        .map(count -> count != null && count.toLong() > 0);
  }

  /** Pushes the expiry of this node's sockets forward (the periodic heartbeat; also for tests). */
  public Future<Void> refresh() {
    List<Future<Void>> touched =
        local.entrySet().stream().map(e -> touch(e.getKey(), e.getValue())).toList();
    return Future.join(touched)
        .onFailure(
            failure ->
                LOG.atWarn()
                    .setCause(failure)
                    .log("could not refresh live sockets; pushes may go to connected staff"))
        .mapEmpty();
  }

  private Future<Void> touch(String socketId, Socket socket) {
    long now = clock.millis();
    return TOUCH
        .run(
            redis,
            List.of(key(socket.tenant(), socket.staffId())),
            List.of(
                socketId,
                Long.toString(now + ttl.toMillis()),
                Long.toString(now),
                // the key outlives its newest entry a little, for nodes whose clocks lag
                Long.toString(ttl.toMillis() * 2)))
        .mapEmpty();
  }

  /** This node's sockets stop counting at once (a graceful stop), not after the TTL. */
  @Override
  public void close() {
    vertx.cancelTimer(timer);
    List.copyOf(local.keySet()).forEach(this::disconnected);
  }
}
