package io.civicline.signaling.asterisk.ami;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before reconnect attempt number {@code failures} (1 = first retry). Injectable
 * so tests reconnect in milliseconds.
 */
@FunctionalInterface
public interface BackoffPolicy {
  Duration delay(int failures);

  /**
   * Doubles from {@code initial} up to {@code max}, then takes off a random part of up to {@code
   * jitter} (0..1) of it: after an Asterisk restart, many CivicLine nodes must not all reconnect in
   * the same millisecond.
   */
  static BackoffPolicy exponential(
      Duration initial, Duration max, double jitter, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
    return failures -> {
      int doublings = Math.max(0, Math.min(failures - 1, 30)); // no overflow, max caps anyway
      long millis = Math.min(max.toMillis(), initial.toMillis() << doublings);
      long cut = (long) (millis * jitter * random.nextDouble());
      return Duration.ofMillis(millis - cut);
    };
  }

  /** 0.5 s, 1 s, 2 s ... capped at 30 s, up to 20 % jitter. */
  static BackoffPolicy defaults() {
    return exponential(
        Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, RandomGenerator.getDefault());
  }
}
