package io.civicline.core.testing;

import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** One test's Vert.x and a client of the run's real Redis, emptied first. */
public final class RedisTestBed implements AutoCloseable {
  private final Vertx vertx;
  private final Redis redis;

  private RedisTestBed(Vertx vertx, Redis redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  /** Flushes the server so each test starts from an empty store. */
  public static RedisTestBed open(RedisServer server) {
    server.flushAll();
    Vertx vertx = Vertx.vertx();
    return new RedisTestBed(
        vertx, RedisClients.create(vertx, RedisSettings.standalone(server.url())));
  }

  /** Another client of the same server, keeping its data (a second node, a test's observer). */
  public static RedisTestBed openWithoutFlush(RedisServer server) {
    Vertx vertx = Vertx.vertx();
    return new RedisTestBed(
        vertx, RedisClients.create(vertx, RedisSettings.standalone(server.url())));
  }

  public Vertx vertx() {
    return vertx;
  }

  public Redis redis() {
    return redis;
  }

  @Override
  public void close() {
    redis.close();
    await(vertx.close());
  }

  /** Waits for a future; its runtime failure is rethrown as is. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
