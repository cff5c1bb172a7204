package io.civicline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisServerTest {

  @Test
  void acknowledgedWritesSurviveKillMinusNine(RedisServer redis) {
    redis.flushAll();
    assertThat(redis.command("SET civicline:{t:test}:k durable")).isEqualTo("+OK");

    redis.kill9();
    assertThat(redis.isRunning()).isFalse();
    redis.restart();

    assertThat(redis.command("GET civicline:{t:test}:k")).isEqualTo("durable");
    assertThat(redis.command("CONFIG GET appendonly")).isEqualTo("*2");
  }

  @Test
  void runsWithAppendOnlyFileOn(RedisServer redis) {
    assertThat(redis.dataDir().resolve("appendonlydir")).isDirectory();
  }

  @Test
  void missingBinaryIsExplained() {
    assertThatThrownBy(() -> RedisBinary.locate(Map.of("PATH", "/nonexistent")))
        .hasMessageContaining("apt-get install redis-server");
    assertThatThrownBy(
            () -> RedisBinary.locate(Map.of("CIVICLINE_REDIS_SERVER", "/nonexistent/redis")))
        .hasMessageContaining("not executable");
  }
}
