package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.eventually;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.idsByAction;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.asterisk.AmiPeer;
import io.civicline.testkit.asterisk.ReplayOptions;
import io.civicline.testkit.asterisk.ReplayResult;
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

/**
 * Asterisk goes away and comes back: the client reconnects after the back-off, logs in again and
 * resyncs device states, replacing what it stored before. Scripts are cut from real captures
 * ({@link AmiScripts}) and replayed strictly.
 */
@ExtendWith(RedisExtension.class)
class AmiReconnectTest {
  private static final Map<String, String> IDS =
      Map.of("Login", "login-1", "DeviceStateList", "devstates-1", "Logoff", "logoff-1");

  private final RedisServer redisServer;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private DeviceStates store;

  AmiReconnectTest(RedisServer redisServer) {
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
  void afterADropTheClientBacksOffReconnectsAndReplacesTheDeviceStates() {
    // Before: the full list of the capture, then PJSIP/203 unregisters (live event).
    Transcript before =
        AmiScripts.resyncThenWait(
            "before-drop", AmiScripts.deviceStateList(d -> true), AmiScripts.PHONE_203_UNAVAILABLE);
    // After: PJSIP/201 and PJSIP/202 were deleted from the PBX meanwhile; 203 is back.
    Transcript after =
        AmiScripts.resyncThenLogoff(
            "after-reconnect",
            AmiScripts.deviceStateList(d -> !d.equals("PJSIP/201") && !d.equals("PJSIP/202")),
            "");
    AmiTestSupport.RecordingBackoff backoff =
        new AmiTestSupport.RecordingBackoff(Duration.ofMillis(100));
    try (AmiPeer peer =
        AmiPeer.start(before, ReplayOptions.strict().readTimeout(Duration.ofSeconds(20)))
            .thenServe(after, ReplayOptions.strict())) {
      AmiServer server =
          AmiTestSupport.serverWithSecret(peer, "uctest", List.of("lakeside", "riverton"));
      AmiClient client =
          new AmiClient(vertx, server, options(idsByAction(IDS), "on").withBackoff(backoff));
      DeviceStateSync.attach(client, store);
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());

      connections.awaitLogins(1);
      eventually(
          "first resync and the live change stored",
          () -> "UNAVAILABLE".equals(states("riverton").get("PJSIP/203")));
      assertThat(states("lakeside"))
          .containsEntry("PJSIP/201", "UNAVAILABLE")
          .containsEntry("PJSIP/staff-sipp", "NOT_INUSE")
          .hasSize(6);

      long droppedAt = System.nanoTime();
      assertThat(peer.dropConnection()).isTrue();
      connections.awaitLogins(2);
      long reconnectMillis = (System.nanoTime() - droppedAt) / 1_000_000;
      eventually(
          "second resync stored",
          () -> !states("lakeside").containsKey("PJSIP/201") && states("lakeside").size() == 4);
      await(client.close());

      // The peer reports DROPPED, or APP_CLOSED_EARLY when it notices our prompt close first.
      assertThat(peer.result(0, Duration.ofSeconds(5)).failure().orElseThrow().kind())
          .isIn(ReplayResult.Kind.DROPPED, ReplayResult.Kind.APP_CLOSED_EARLY);
      peer.result(1, Duration.ofSeconds(5)).assertMatched();
      assertThat(connections.log).containsExactly("in", "out", "in");
      assertThat(connections.causes).containsExactly((Throwable) null); // clean FIN
      assertThat(backoff.failures).containsExactly(1);
      assertThat(reconnectMillis).isGreaterThanOrEqualTo(100);
      Map<String, String> expected =
          Map.of(
              "PJSIP/pstn", "UNAVAILABLE",
              "PJSIP/staff-sipp", "NOT_INUSE",
              "PJSIP/203", "NOT_INUSE",
              "PJSIP/sipp", "UNAVAILABLE");
      assertThat(states("lakeside")).isEqualTo(expected);
      assertThat(states("riverton")).isEqualTo(expected);
    }
  }

  @Test
  void whileTheLinkIsDownTheStatesReadAsUnknownNotAsLastSeen() {
    Transcript before =
        AmiScripts.resyncThenWait(
            "before-drop", AmiScripts.deviceStateList(d -> true), AmiScripts.PHONE_203_UNAVAILABLE);
    try (AmiPeer peer =
        AmiPeer.start(before, ReplayOptions.strict().readTimeout(Duration.ofSeconds(20)))) {
      AmiClient client =
          new AmiClient(
              vertx,
              AmiTestSupport.serverWithSecret(peer, "uctest", List.of("lakeside")),
              options(idsByAction(IDS), "on")
                  .withBackoff(new AmiTestSupport.RecordingBackoff(Duration.ofMinutes(10))));
      DeviceStateSync.attach(client, store);
      await(client.start());
      eventually("resynced", () -> states("lakeside").size() == 6);

      assertThat(peer.dropConnection()).isTrue();
      eventually("unknown once the link is down", () -> states("lakeside").isEmpty());
      assertThat(await(store.stored("lakeside")))
          .as("the last states stay stored for the next resync to replace")
          .hasSize(6);
      await(client.close());
    }
  }

  @Test
  void aServerThatIsDownAtStartIsRetriedUntilItAnswers() throws Exception {
    // Reserve a port with nothing listening, so the first attempts are refused.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    AmiTestSupport.RecordingBackoff backoff =
        new AmiTestSupport.RecordingBackoff(Duration.ofMillis(20));
    AmiServer down =
        new AmiServer(
            "pbx1",
            "127.0.0.1",
            port,
            "uctest",
            io.civicline.core.config.Secret.of("uctest"),
            List.of("lakeside"));
    AmiClient client =
        new AmiClient(vertx, down, options(idsByAction(IDS), "on").withBackoff(backoff));
    AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
    client.addConnectionListener(connections);
    await(client.start());
    connections.awaitDisconnects(3);
    await(client.close());

    assertThat(backoff.failures).startsWith(1, 2, 3);
    assertThat(connections.causes.get(0)).isInstanceOf(java.net.ConnectException.class);
    assertThat(connections.logins()).isZero();
    // Closed: no more attempts.
    int attempts = backoff.failures.size();
    AmiTestSupport.sleep(100);
    assertThat(backoff.failures).hasSize(attempts);
  }

  @Test
  void aConnectionThatStopsAnsweringIsDroppedByThePing() {
    // Asterisk (or a NAT box on the way) silently stops answering after the login.
    Transcript silent =
        Transcript.builder("silent-after-login")
            .asterisk(AmiScripts.BANNER)
            .app(AmiScripts.LOGIN)
            .asterisk(AmiScripts.LOGIN_ACCEPTED)
            .app("Action: Ping\r\nActionID: ping-1\r\n\r\n")
            .app(AmiScripts.LOGOFF)
            .build();
    AmiTestSupport.RecordingBackoff backoff =
        new AmiTestSupport.RecordingBackoff(Duration.ofMinutes(10));
    try (AmiPeer peer =
        AmiPeer.start(silent, ReplayOptions.strict().readTimeout(Duration.ofSeconds(30)))) {
      AmiClient client =
          new AmiClient(
              vertx,
              AmiTestSupport.server(peer),
              options(idsByAction(Map.of("Login", "login-1", "Ping", "ping-1")), "on")
                  .withBackoff(backoff)
                  .withPingInterval(Duration.ofMillis(200)));
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      long started = System.nanoTime();
      await(client.start());
      connections.awaitDisconnects(1);
      long millis = (System.nanoTime() - started) / 1_000_000;
      await(client.close());

      // Dropped by the unanswered ping (~400 ms), not by the peer's 30 s read timeout.
      assertThat(millis).isBetween(350L, 5_000L);
      ReplayResult result = peer.result(0, Duration.ofSeconds(5));
      assertThat(result.failure().orElseThrow().kind())
          .isEqualTo(ReplayResult.Kind.APP_CLOSED_EARLY);
      assertThat(result.receivedText()).endsWith("Action: Ping\r\nActionID: ping-1\r\n\r\n");
      assertThat(backoff.failures).containsExactly(1);
    }
  }

  private Map<String, String> states(String tenant) {
    return await(store.load(tenant));
  }
}
