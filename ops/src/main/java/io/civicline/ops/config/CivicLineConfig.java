package io.civicline.ops.config;

import io.civicline.core.redis.RedisSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The server's whole configuration, read once at start-up. */
public record CivicLineConfig(
    Http http, RedisSettings redis, Admin admin, boolean demoSeed, Duration shutdownGrace) {

  public record Http(String host, int port, int maxBodyBytes) {}

  /**
   * @param tokenFile where the first platform-admin token is written, readable only by its owner
   */
  public record Admin(Path tokenFile) {}
}
