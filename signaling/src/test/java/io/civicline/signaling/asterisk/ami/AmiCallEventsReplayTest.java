package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.countInAsterisk;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.eventually;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.idsByAction;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.AmiPeer;
import io.civicline.testkit.asterisk.ReplayOptions;
import io.civicline.testkit.asterisk.ReplayResult;
import io.civicline.testkit.asterisk.Transcript;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real call's events (ami-call-events): typed Hangup / BridgeEnter, exactly once. */
class AmiCallEventsReplayTest {
  private static final Originate HAPPY_PATH_CALL =
      new Originate(
          "Local/5551234@from-pstn",
          "capture-caller",
          "talk",
          1,
          "\"PSTN Test\" <+4930123456>",
          Duration.ofSeconds(30),
          Map.of("TESTVAR", "hello"));
  private static final List<String> HANGUP_UNIQUE_IDS =
      List.of("1795394715.12", "1795394715.13", "1795394709.11", "1795394709.10");

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private AmiClient client(AmiPeer peer, BackoffPolicy backoff) {
    return new AmiClient(
        vertx,
        server(peer),
        options(
                idsByAction(
                    Map.of("Login", "login-1", "Originate", "orig-1", "Logoff", "logoff-1")),
                "on")
            .withBackoff(backoff));
  }

  @Test
  void typedOriginateAndCallEventsMatchTheCapture() {
    try (AmiPeer peer = AmiPeer.start("ami-call-events")) {
      AmiClient client = client(peer, failures -> Duration.ofMillis(10));
      AmiTestSupport.CallEvents calls = new AmiTestSupport.CallEvents();
      client.addCallEventListener(calls);
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);

      OriginateResult result = await(client.originate(HAPPY_PATH_CALL));
      eventually("4 hangups", () -> calls.hangups.size() == 4);
      await(client.close());

      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(result.success()).isTrue();
      assertThat(result.reason()).isEqualTo(4);
      assertThat(result.uniqueId()).isEqualTo("1795394709.10");
      assertThat(calls.hangups).extracting(HangupEvent::uniqueId).isEqualTo(HANGUP_UNIQUE_IDS);
      HangupEvent first = calls.hangups.get(0);
      assertThat(first)
          .isEqualTo(
              new HangupEvent(
                  "pbx1",
                  "Local/100@staff-00000006;1",
                  "1795394715.12",
                  "1795394709.10",
                  16,
                  "Normal Clearing",
                  ""));
      assertThat(calls.bridgeEnters).hasSize(2);
      BridgeEnterEvent second = calls.bridgeEnters.get(1);
      assertThat(second.bridgeUniqueId()).isEqualTo("e2d2edab-f46d-4b23-8ec5-1f95b477a457");
      assertThat(second.bridgeChannels()).isEqualTo(2);
      assertThat(second.channel()).isEqualTo("Local/5551234@from-pstn-00000005;2");
      assertThat(second.linkedId()).isEqualTo("1795394709.10");
    }
  }

  @Test
  void afterTheConnectionDropsMidEventEveryEventIsDeliveredExactlyOnce() {
    Transcript calls = Transcript.load("ami-call-events");
    // Cut in the middle of the third Hangup event: a truncated message, then FIN.
    int thirdHangup = nthIndexOf(new String(calls.asteriskBytes()), "Event: Hangup\r\n", 3);
    int cut = thirdHangup + 60;
    int hangupsBeforeCut = countInAsterisk(calls, "Event: Hangup\r\n", thirdHangup);
    AmiTestSupport.RecordingBackoff backoff =
        new AmiTestSupport.RecordingBackoff(Duration.ofMillis(50));
    try (AmiPeer peer =
        AmiPeer.start(calls, ReplayOptions.strict().dropAfterAsteriskBytes(cut))
            .thenServe("ami-call-events")) {
      AmiClient client = client(peer, backoff);
      AmiTestSupport.CallEvents events = new AmiTestSupport.CallEvents();
      client.addCallEventListener(events);
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);

      await(client.originate(HAPPY_PATH_CALL));
      connections.awaitDisconnects(1);
      connections.awaitLogins(2);
      await(client.originate(HAPPY_PATH_CALL));
      eventually(
          "all hangups of the second connection",
          () -> events.hangups.size() >= hangupsBeforeCut + 4);
      AmiTestSupport.sleep(200); // anything late or doubled would show up now
      await(client.close());

      assertThat(peer.result(0, Duration.ofSeconds(5)).failure().orElseThrow().kind())
          .isEqualTo(ReplayResult.Kind.DROPPED);
      peer.result(1, Duration.ofSeconds(5)).assertMatched();
      assertThat(hangupsBeforeCut).isEqualTo(2);
      List<String> expected = new ArrayList<>(HANGUP_UNIQUE_IDS.subList(0, hangupsBeforeCut));
      expected.addAll(HANGUP_UNIQUE_IDS);
      assertThat(events.hangups).extracting(HangupEvent::uniqueId).isEqualTo(expected);
      assertThat(events.bridgeEnters).hasSize(4);
      assertThat(connections.causes.get(0)).isInstanceOf(AmiProtocolException.class);
      assertThat(backoff.failures).containsExactly(1);
    }
  }

  static int nthIndexOf(String text, String marker, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = text.indexOf(marker, at + 1);
      if (at < 0) {
        throw new IllegalArgumentException("fewer than " + n + " of " + marker);
      }
    }
    return at;
  }
}
