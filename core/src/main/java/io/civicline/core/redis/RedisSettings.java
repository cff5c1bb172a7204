package io.civicline.core.redis;

import io.civicline.core.config.Secret;
import java.util.List;
import java.util.Optional;

/**
 * How to reach Redis: a standalone server now; Sentinel or Cluster by configuration.
 *
 * @param endpoints connection strings, e.g. {@code redis://127.0.0.1:6379}; several for Sentinel
 *     and Cluster
 * @param masterName the Sentinel master's name (Sentinel only)
 */
public record RedisSettings(
    Mode mode,
    List<String> endpoints,
    Optional<String> masterName,
    Optional<Secret> password,
    int maxPoolSize,
    int maxPoolWaiting) {

  public enum Mode {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  public RedisSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one Redis endpoint is needed");
    }
    if (mode == Mode.SENTINEL && masterName.isEmpty()) {
      throw new IllegalArgumentException("Sentinel mode needs a master name");
    }
  }

  /**
   * Requests that may wait for a pooled connection before new ones fail. Generous on purpose: a
   * call loads its town's context with about ten reads in parallel, so hundreds of calls starting
   * together (a storm warning, an outage) queue thousands of short requests. Failing them would
   * drop those calls; waiting costs milliseconds. Found with the FastAGI load tool in bench.
   */
  public static final int DEFAULT_MAX_POOL_WAITING = 16_384;

  public static RedisSettings standalone(String url) {
    return new RedisSettings(
        Mode.STANDALONE,
        List.of(url),
        Optional.empty(),
        Optional.empty(),
        16,
        DEFAULT_MAX_POOL_WAITING);
  }

  /** Endpoints may carry a password (redis://user:pw@host), so they are masked here too. */
  @Override
  public String toString() {
    return "RedisSettings[mode=%s, endpoints=%s, masterName=%s, password=%s, maxPoolSize=%d]"
        .formatted(mode, endpointsForLog(), masterName, password.map(p -> "***"), maxPoolSize);
  }

  /** The endpoints with any user:password part removed, for logs. */
  public List<String> endpointsForLog() {
    return endpoints.stream().map(e -> e.replaceAll("//[^@/]*@", "//***@")).toList();
  }
}
