package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis store of device states, on a real redis-server. */
@ExtendWith(RedisExtension.class)
class AmiDeviceStatesTest {
  private final RedisServer server;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private DeviceStates states;

  AmiDeviceStatesTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    states = new DeviceStates(redis);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void replaceAllDropsDevicesThatAreNoLongerListed() {
    await(states.put("lakeside", "PJSIP/999", "INUSE"));
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "NOT_INUSE", "PJSIP/102", "INUSE")));

    assertThat(await(states.load("lakeside")))
        .isEqualTo(Map.of("PJSIP/101", "NOT_INUSE", "PJSIP/102", "INUSE"));
  }

  @Test
  void putChangesOneDeviceAndTenantsAreSeparateHashTaggedKeys() {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "NOT_INUSE")));
    await(states.put("lakeside", "PJSIP/101", "INUSE"));
    await(states.put("riverton", "PJSIP/101", "UNAVAILABLE"));

    assertThat(await(states.load("lakeside"))).isEqualTo(Map.of("PJSIP/101", "INUSE"));
    assertThat(await(states.load("riverton"))).isEqualTo(Map.of("PJSIP/101", "UNAVAILABLE"));
    assertThat(server.command("EXISTS civicline:{t:lakeside}:devices")).contains("1");
  }

  @Test
  void replaceAllWithNothingEmptiesAndManyDevicesFitInOneScript() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      many.put("PJSIP/" + i, "NOT_INUSE");
    }
    await(states.replaceAll("lakeside", many));
    assertThat(await(states.load("lakeside"))).hasSize(5_000);

    await(states.replaceAll("lakeside", Map.of()));
    assertThat(await(states.load("lakeside"))).isEmpty();
  }
}
