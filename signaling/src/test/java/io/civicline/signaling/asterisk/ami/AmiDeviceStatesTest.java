package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.time.Instant;
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
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

  AmiDeviceStatesTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    states = new DeviceStates(redis, (tenant, device, state) -> {}, clock);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void replaceAllDropsDevicesThatAreNoLongerListed() {
    await(states.put("lakeside", "PJSIP/999", "INUSE"));
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "NOT_INUSE", "PJSIP/102", "INUSE")));

    assertThat(await(states.stored("lakeside")))
        .isEqualTo(Map.of("PJSIP/101", "NOT_INUSE", "PJSIP/102", "INUSE"));
  }

  @Test
  void putChangesOneDeviceAndTenantsAreSeparateHashTaggedKeys() {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "NOT_INUSE")));
    await(states.put("lakeside", "PJSIP/101", "INUSE"));
    await(states.put("riverton", "PJSIP/101", "UNAVAILABLE"));

    assertThat(await(states.stored("lakeside"))).isEqualTo(Map.of("PJSIP/101", "INUSE"));
    assertThat(await(states.stored("riverton"))).isEqualTo(Map.of("PJSIP/101", "UNAVAILABLE"));
    assertThat(server.command("EXISTS civicline:{t:lakeside}:devices")).contains("1");
  }

  @Test
  void replaceAllWithNothingEmptiesAndManyDevicesFitInOneScript() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      many.put("PJSIP/" + i, "NOT_INUSE");
    }
    await(states.replaceAll("lakeside", many));
    assertThat(await(states.stored("lakeside"))).hasSize(5_000);

    await(states.replaceAll("lakeside", Map.of()));
    assertThat(await(states.stored("lakeside"))).isEmpty();
  }

  @Test
  void statesCountOnlyWhileSomeNodesAmiLinkVouchesForThem() {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "INUSE")));
    assertThat(await(states.load("lakeside"))).as("no link up: unknown").isEmpty();

    await(states.linkUp("lakeside", "pbx1@node-a", Duration.ofSeconds(30)));
    await(states.linkUp("lakeside", "pbx1@node-b", Duration.ofSeconds(30)));
    assertThat(await(states.load("lakeside"))).isEqualTo(Map.of("PJSIP/101", "INUSE"));
    assertThat(await(states.load("riverton"))).as("another town's link is its own").isEmpty();

    await(states.linkDown("lakeside", "pbx1@node-a"));
    assertThat(await(states.load("lakeside"))).as("node b still sees Asterisk").hasSize(1);
    await(states.linkDown("lakeside", "pbx1@node-b"));
    assertThat(await(states.load("lakeside"))).isEmpty();
    assertThat(await(states.stored("lakeside")))
        .as("kept for when a link is back")
        .isEqualTo(Map.of("PJSIP/101", "INUSE"));
  }

  @Test
  void aLinkThatIsNotRenewedLapses() {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "INUSE")));
    await(states.linkUp("lakeside", "pbx1@node-a", Duration.ofSeconds(30)));

    clock.advance(Duration.ofSeconds(29));
    assertThat(await(states.load("lakeside"))).hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(await(states.load("lakeside"))).as("a node that died without a word").isEmpty();
    assertThat(server.command("ZCARD civicline:{t:lakeside}:devices-live"))
        .as("lapsed links are dropped")
        .contains("0");
  }
}
