package io.civicline.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void tenantKeysCarryTheTenantAsAClusterHashTag() {
    String key = Keys.tenant("lakeside", "doc", "staff", "ann");
    assertThat(key).isEqualTo("civicline:{t:lakeside}:doc:staff:ann");
    assertThat(Keys.hashTag(key)).isEqualTo("t:lakeside");
    assertThat(Keys.hashTag(Keys.tenant("lakeside", "audit"))).isEqualTo(Keys.hashTag(key));
    assertThat(Keys.hashTag(Keys.tenant("riverton", "audit"))).isNotEqualTo(Keys.hashTag(key));
    assertThat(Keys.platform("tenants")).isEqualTo("civicline:{platform}:tenants");
  }

  @Test
  void refusesPartsThatWouldBreakTheTag() {
    assertThatThrownBy(() -> Keys.tenant("Lake Side", "doc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.tenant("lakeside", "doc}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.tenant("lakeside", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topologyIsSelectedByConfiguration() {
    RedisOptions standalone =
        RedisClients.options(RedisSettings.standalone("redis://127.0.0.1:6379"));
    assertThat(standalone.getType()).isEqualTo(RedisClientType.STANDALONE);

    RedisSettings sentinel =
        new RedisSettings(
            RedisSettings.Mode.SENTINEL,
            List.of("redis://10.0.0.1:26379", "redis://10.0.0.2:26379"),
            Optional.of("civicline"),
            Optional.of(Secret.of("pw")),
            8,
            64);
    RedisOptions options = RedisClients.options(sentinel);
    assertThat(options.getType()).isEqualTo(RedisClientType.SENTINEL);
    assertThat(options.getEndpoints()).hasSize(2);
    assertThat(options.getMasterName()).isEqualTo("civicline");
    assertThat(options.getPassword()).isEqualTo("pw");
    assertThat(sentinel.toString()).doesNotContain("pw]").contains("***");

    RedisSettings cluster =
        new RedisSettings(
            RedisSettings.Mode.CLUSTER,
            List.of("redis://10.0.0.1:7000"),
            Optional.empty(),
            Optional.empty(),
            8,
            64);
    assertThat(RedisClients.options(cluster).getType()).isEqualTo(RedisClientType.CLUSTER);
  }

  @Test
  void passwordsInUrlsAreMaskedForLogs() {
    RedisSettings settings = RedisSettings.standalone("redis://user:hunter2@10.0.0.1:6379");
    assertThat(settings.endpointsForLog()).containsExactly("redis://***@10.0.0.1:6379");
    assertThat(settings.toString()).doesNotContain("hunter2");
  }
}
