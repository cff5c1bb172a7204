package io.civicline.core.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/** Builds the Vert.x Redis client for the configured topology. */
public final class RedisClients {
  private RedisClients() {}

  public static Redis create(Vertx vertx, RedisSettings settings) {
    return Redis.createClient(vertx, options(settings));
  }

  static RedisOptions options(RedisSettings settings) {
    RedisOptions options =
        new RedisOptions()
            .setType(type(settings.mode()))
            .setEndpoints(settings.endpoints())
            .setMaxPoolSize(settings.maxPoolSize())
            .setMaxPoolWaiting(settings.maxPoolWaiting())
            .setMaxWaitingHandlers(4096);
    settings.password().ifPresent(secret -> options.setPassword(secret.reveal()));
    if (settings.mode() == RedisSettings.Mode.SENTINEL) {
      options.setMasterName(settings.masterName().orElseThrow()).setRole(RedisRole.MASTER);
    }
    return options;
  }

  private static RedisClientType type(RedisSettings.Mode mode) {
    return switch (mode) {
      case STANDALONE -> RedisClientType.STANDALONE;
      case SENTINEL -> RedisClientType.SENTINEL;
      case CLUSTER -> RedisClientType.CLUSTER;
    };
  }
}
