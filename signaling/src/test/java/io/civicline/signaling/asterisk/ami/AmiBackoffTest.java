package io.civicline.signaling.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The default exponential back-off: doubling, capped, jittered downwards only. */
class AmiBackoffTest {

  @Test
  void doublesUpToTheCapWithoutJitter() {
    BackoffPolicy policy =
        BackoffPolicy.exponential(
            Duration.ofMillis(500), Duration.ofSeconds(30), 0, RandomGenerator.getDefault());
    assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(10_000)).isEqualTo(Duration.ofSeconds(30)); // no overflow
  }

  @Test
  void jitterTakesOffAtMostItsShare() {
    RandomGenerator always = new FixedRandom(0.999999);
    BackoffPolicy policy =
        BackoffPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8), 0.25, always);
    assertThat(policy.delay(4).toMillis()).isBetween(6_000L, 6_001L);
    BackoffPolicy none =
        BackoffPolicy.exponential(
            Duration.ofSeconds(1), Duration.ofSeconds(8), 0.25, new FixedRandom(0));
    assertThat(none.delay(4)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void refusesNonsense() {
    RandomGenerator r = RandomGenerator.getDefault();
    assertThatThrownBy(() -> BackoffPolicy.exponential(Duration.ZERO, Duration.ofSeconds(1), 0, r))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BackoffPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, r))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BackoffPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, r))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private record FixedRandom(double value) implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextDouble() {
      return value;
    }
  }
}
