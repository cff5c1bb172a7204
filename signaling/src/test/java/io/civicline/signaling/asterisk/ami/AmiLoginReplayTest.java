package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.awaitFailure;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.ids;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.config.Secret;
import io.civicline.testkit.asterisk.AmiPeer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login variants, replayed byte for byte against real Asterisk 22 captures. */
class AmiLoginReplayTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void md5ChallengeLoginSendsTheDigestNotTheSecret() {
    try (AmiPeer peer = AmiPeer.start("ami-login-md5")) {
      AmiClientOptions opts =
          options(ids("chal-1", "login-md5", "ping-1", "logoff-1"), "off")
              .withLoginMethod(AmiLoginMethod.MD5_CHALLENGE);
      AmiClient client = new AmiClient(vertx, server(peer), opts);
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);

      await(client.start());
      connections.awaitLogins(1);
      AmiMessage pong = await(client.send(AmiAction.of("Ping")));
      await(client.close());

      assertThat(pong.get("Ping")).isEqualTo("Pong");
      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(new String(peer.result(0, Duration.ofSeconds(1)).received()))
          .doesNotContain("Secret");
    }
  }

  @Test
  void md5KeyIsTheLowerCaseHexDigestOfChallengeAndSecret() {
    // The value the capture's client computed (see ami-login-md5.txt).
    assertThat(AmiLogin.md5Key("153065359", Secret.of("uctest")))
        .isEqualTo("023789ce36596aedcd498a501a85332f");
  }

  @Test
  void plaintextLoginWithoutEventsHeaderDeliversTheBootEvents() {
    try (AmiPeer peer = AmiPeer.start("ami-login-plaintext")) {
      AmiClient client =
          new AmiClient(vertx, server(peer), options(ids("login-1", "logoff-1"), null));
      List<String> events = new CopyOnWriteArrayList<>();
      client.addEventListener(e -> events.add(e.event()));
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);

      await(client.start());
      connections.awaitLogins(1);
      AmiTestSupport.eventually("boot events", () -> events.size() == 2);
      assertThat(client.isLoggedIn()).isTrue();
      await(client.close());

      assertThat(events).containsExactly("FullyBooted", "SuccessfulAuth");
      assertThat(client.isLoggedIn()).isFalse();
      peer.result(0, Duration.ofSeconds(5)).assertMatched();
    }
  }

  @Test
  void wrongSecretIsReportedWithoutTheSecretAndRetriedWithBackoff() {
    try (AmiPeer peer = AmiPeer.start("ami-login-wrong-secret")) {
      AmiTestSupport.RecordingBackoff backoff =
          new AmiTestSupport.RecordingBackoff(Duration.ofMillis(20));
      AmiClient client =
          new AmiClient(
              vertx,
              AmiTestSupport.serverWithSecret(peer, "wrong-secret", List.of("lakeside")),
              options(action -> "login-1", null).withBackoff(backoff));
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);

      await(client.start());
      connections.awaitDisconnects(2);
      await(client.close());

      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      peer.result(1, Duration.ofSeconds(5)).assertMatched();
      Throwable cause = connections.causes.get(0);
      assertThat(cause).isInstanceOf(AmiLoginException.class);
      assertThat(cause.getMessage()).contains("Authentication failed").contains("uctest");
      assertThat(cause.getMessage()).doesNotContain("wrong-secret");
      assertThat(connections.logins()).isZero();
      // Failed attempts in a row back off further each time.
      assertThat(backoff.failures).startsWith(1, 2);
      assertThat(client.server().toString()).doesNotContain("wrong-secret");
    }
  }

  @Test
  void actionsBeforeLoginAreRefusedWithPermissionDenied() {
    try (AmiPeer peer = AmiPeer.start("ami-action-before-login")) {
      AmiConnection connection =
          await(
              AmiConnection.open(
                  "pbx1",
                  peer.host(),
                  peer.port(),
                  AmiConnection.Settings.defaults(),
                  vertx.getOrCreateContext(),
                  ids("ping-before-login", "coresettings-before-login", "login-1", "logoff-1"),
                  event -> {}));

      Throwable ping = awaitFailure(connection.send(AmiAction.of("Ping")));
      Throwable settings = awaitFailure(connection.send(AmiAction.of("CoreSettings")));
      await(
          AmiLogin.login(
              connection, "uctest", Secret.of("uctest"), AmiLoginMethod.PLAINTEXT, "off"));
      AmiMessage goodbye = await(connection.send(AmiAction.of("Logoff")));
      await(connection.closed()); // Asterisk closes after Goodbye
      await(connection.close());

      assertThat(ping).isInstanceOf(AmiErrorException.class);
      assertThat(((AmiErrorException) ping).amiMessage()).isEqualTo("Permission denied");
      assertThat(ping.getMessage()).contains("Ping").contains("ping-before-login");
      assertThat(((AmiErrorException) settings).amiMessage()).isEqualTo("Permission denied");
      assertThat(goodbye.response()).isEqualTo("Goodbye");
      assertThat(connection.bannerVersion()).isEqualTo("11.0.0");
      peer.result(0, Duration.ofSeconds(5)).assertMatched();
    }
  }
}
