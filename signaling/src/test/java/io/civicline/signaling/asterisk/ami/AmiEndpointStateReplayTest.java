package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.eventually;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.ids;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.asterisk.AmiPeer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A desk phone registering and unregistering (ami-endpoint-state, strict): live DeviceStateChange
 * events and the DeviceStateList resync land in Redis for every tenant of the server.
 */
@ExtendWith(RedisExtension.class)
class AmiEndpointStateReplayTest {
  private final RedisServer redisServer;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private DeviceStates store;

  AmiEndpointStateReplayTest(RedisServer redisServer) {
    this.redisServer = redisServer;
  }

  @BeforeEach
  void setUp() {
    bed = RedisTestBed.open(redisServer);
    vertx = bed.vertx();
    redis = bed.redis();
    store = new DeviceStates(redis);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void liveChangesAndTheResyncReachRedisForEveryTenant() {
    await(store.put("lakeside", "PJSIP/999", "INUSE")); // a phone removed while we were away
    try (AmiPeer peer = AmiPeer.start("ami-endpoint-state")) {
      AmiServer server =
          AmiTestSupport.serverWithSecret(peer, "uctest", List.of("lakeside", "riverton"));
      AmiClient client =
          new AmiClient(
              vertx,
              server,
              options(
                  ids(
                      "login-1",
                      "ep-before",
                      "ep-registered",
                      "contacts-1",
                      "eps-1",
                      "extstate-1",
                      "devstates-1",
                      "ep-after",
                      "logoff-1"),
                  "on"));
      // Wired by hand (not attach()): this capture resyncs late, not right after login.
      DeviceStateSync sync = new DeviceStateSync(client, store);
      client.addEventListener(sync::onEvent);
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);

      AmiListResult before = await(client.sendList(endpoint("203")));
      eventually("PJSIP/203 registered in redis", () -> "NOT_INUSE".equals(state("riverton")));
      AmiListResult registered = await(client.sendList(endpoint("203")));
      AmiListResult contacts = await(client.sendList(AmiAction.of("PJSIPShowContacts")));
      AmiListResult endpoints = await(client.sendList(AmiAction.of("PJSIPShowEndpoints")));
      AmiMessage extension =
          await(
              client.send(
                  AmiAction.of("ExtensionState").with("Exten", "203").with("Context", "staff")));
      await(sync.resync());
      eventually("PJSIP/203 unregistered in redis", () -> "UNAVAILABLE".equals(state("lakeside")));
      AmiListResult after = await(client.sendList(endpoint("203")));
      await(client.close());

      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(before.items())
          .extracting(AmiMessage::event)
          .containsExactly("EndpointDetail", "AuthDetail", "TransportDetail", "AorDetail");
      assertThat(before.items().get(0).get("DeviceState")).isEqualTo("Unavailable");
      assertThat(registered.items()).hasSize(5);
      assertThat(contacts.items()).hasSize(1);
      assertThat(endpoints.items()).hasSize(6);
      assertThat(endpoints.complete().get("ListItems")).isEqualTo("6");
      assertThat(extension.get("StatusText")).isEqualTo("Unknown");
      assertThat(after.items().get(0).get("DeviceState")).isEqualTo("Unavailable");
      Map<String, String> expected =
          Map.of(
              "PJSIP/pstn", "UNAVAILABLE",
              "PJSIP/staff-sipp", "NOT_INUSE",
              "PJSIP/203", "UNAVAILABLE",
              "PJSIP/202", "UNAVAILABLE",
              "PJSIP/201", "UNAVAILABLE",
              "PJSIP/sipp", "UNAVAILABLE");
      // MWI:..., Queue:... are not phones; PJSIP/999 vanished with the resync.
      assertThat(await(store.load("lakeside"))).isEqualTo(expected);
      assertThat(await(store.load("riverton"))).isEqualTo(expected);
    }
  }

  @Test
  void onlyEndpointDevicesCount() {
    assertThat(DeviceStateSync.isEndpoint("PJSIP/203")).isTrue();
    assertThat(DeviceStateSync.isEndpoint("IAX2/trunk-1")).isTrue();
    assertThat(DeviceStateSync.isEndpoint("MWI:1000@default")).isFalse();
    assertThat(DeviceStateSync.isEndpoint("Queue:staff-queue_pause_Local/101@staff/n")).isFalse();
    assertThat(DeviceStateSync.isEndpoint("Local/5551234@from-pstn")).isFalse();
    assertThat(DeviceStateSync.isEndpoint(null)).isFalse();
  }

  private String state(String tenant) {
    return await(store.stored(tenant)).get("PJSIP/203");
  }

  private static AmiAction endpoint(String name) {
    return AmiAction.of("PJSIPShowEndpoint").with("Endpoint", name);
  }
}
