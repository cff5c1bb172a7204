package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.eventually;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.idsByAction;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.asterisk.AmiPeer;
import io.civicline.testkit.asterisk.Transcript;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** All configured servers: one client each, device states per tenant, ordered shutdown. */
@ExtendWith(RedisExtension.class)
class AmiConnectionsTest {
  private static final Map<String, String> IDS =
      Map.of("Login", "login-1", "DeviceStateList", "devstates-1", "Logoff", "logoff-1");

  private final RedisServer redisServer;
  private Vertx vertx;
  private Redis redis;
  private DeviceStates store;

  AmiConnectionsTest(RedisServer redisServer) {
    this.redisServer = redisServer;
  }

  @BeforeEach
  void setUp() {
    redisServer.flushAll();
    vertx = Vertx.vertx();
    redis = RedisClients.create(vertx, RedisSettings.standalone(redisServer.url()));
    store = new DeviceStates(redis);
  }

  @AfterEach
  void tearDown() {
    redis.close();
    await(vertx.close());
  }

  @Test
  void eachServerFeedsItsTenantsAndAllCloseCleanly() {
    Transcript first =
        AmiScripts.resyncThenLogoff("pbx1", AmiScripts.deviceStateList(d -> true), "");
    Transcript second =
        AmiScripts.resyncThenLogoff(
            "pbx2", AmiScripts.deviceStateList(d -> d.equals("PJSIP/203")), "");
    try (AmiPeer peer1 =
            AmiPeer.start(first, io.civicline.testkit.asterisk.ReplayOptions.strict());
        AmiPeer peer2 =
            AmiPeer.start(second, io.civicline.testkit.asterisk.ReplayOptions.strict())) {
      AmiConnections connections =
          new AmiConnections(
              vertx,
              List.of(
                  new AmiServer(
                      "pbx1",
                      peer1.host(),
                      peer1.port(),
                      "uctest",
                      Secret.of("uctest"),
                      List.of("lakeside", "riverton")),
                  new AmiServer(
                      "pbx2",
                      peer2.host(),
                      peer2.port(),
                      "uctest",
                      Secret.of("uctest"),
                      List.of("hillcrest"))),
              store,
              options(idsByAction(IDS), "on"));
      await(connections.start());
      eventually(
          "both resyncs stored",
          () ->
              states("riverton").size() == 6
                  && states("lakeside").size() == 6
                  && states("hillcrest").size() == 1);
      assertThat(connections.clientForTenant("hillcrest").orElseThrow().server().name())
          .isEqualTo("pbx2");
      assertThat(connections.client("pbx1").orElseThrow().isLoggedIn()).isTrue();
      await(connections.close());

      peer1.result(0, Duration.ofSeconds(5)).assertMatched();
      peer2.result(0, Duration.ofSeconds(5)).assertMatched();
      // (Reverse order is by construction, one close after the other; the peers' own completion
      // races, so it is not asserted here.)
      assertThat(connections.clients()).noneMatch(AmiClient::isLoggedIn);
      assertThat(states("hillcrest")).isEqualTo(Map.of("PJSIP/203", "NOT_INUSE"));
    }
  }

  @Test
  void aTenantOnTwoServersOrTwoServersWithOneNameAreRefused() {
    AmiServer a = server("pbx1", "lakeside");
    AmiServer b = server("pbx2", "lakeside");
    assertThatThrownBy(
            () -> new AmiConnections(vertx, List.of(a, b), store, AmiClientOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant lakeside");
    AmiServer c = server("pbx1", "riverton");
    assertThatThrownBy(
            () -> new AmiConnections(vertx, List.of(a, c), store, AmiClientOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two AMI servers named pbx1");
    assertThatThrownBy(() -> server("pbx3", "Not A Slug"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static AmiServer server(String name, String tenant) {
    return new AmiServer(name, "127.0.0.1", 5038, "uctest", Secret.of("x"), List.of(tenant));
  }

  private Map<String, String> states(String tenant) {
    return await(store.load(tenant));
  }
}
