package io.civicline.signaling.asterisk.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.OnCallBed;
import io.civicline.signaling.asterisk.ami.BridgeEnterEvent;
import io.civicline.signaling.asterisk.ami.HangupEvent;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A staff mobile answered through Asterisk puts its owner on a call until that leg hangs up. */
@ExtendWith(RedisExtension.class)
class MobileLegCallsTest {
  private final RedisServer server;
  private OnCallBed calls;
  private MobileLegCalls legs;

  MobileLegCallsTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    calls = OnCallBed.open(server);
    legs =
        new MobileLegCalls(
            calls.presence, tenant -> Future.succeededFuture(Map.of("maria", "+12695550111")));
  }

  @AfterEach
  void close() {
    calls.close();
  }

  private static BridgeEnterEvent bridged(String channel, String uniqueId, int channels) {
    return new BridgeEnterEvent(
        "pbx1", "b-1", "basic", channels, channel, uniqueId, "1700000000.1", "lakeside");
  }

  private static HangupEvent hungUp(String channel, String uniqueId) {
    return new HangupEvent(
        "pbx1", channel, uniqueId, "1700000000.1", 16, "Normal Clearing", "lakeside");
  }

  @Test
  void anAnsweredMobileLegIsACallUntilItHangsUp() {
    String leg = "Local/+12695550111@civicline-outbound-0000001a;1";
    legs.onBridgeEnter(bridged(leg, "1700000000.7", 1)); // alone in the bridge: not answered yet
    legs.onBridgeEnter(
        bridged("Local/+12695550111@civicline-outbound-0000001a;2", "1700000000.8", 2));
    legs.onBridgeEnter(
        bridged("Local/+12075550199@civicline-outbound-0000001b;1", "1700000000.9", 2));
    assertThat(calls.onCall("maria")).isFalse();

    legs.onBridgeEnter(bridged(leg, "1700000000.7", 2));
    OnCallBed.eventually(() -> calls.onCall("maria"));
    OnCallBed.eventually(() -> calls.published.size() == 1);
    assertThat(calls.published.get(0).data().getBoolean("onCall")).isTrue();

    legs.onHangup(hungUp("PJSIP/trunk-00000002", "1700000000.5")); // the resident's side: not hers
    legs.onHangup(hungUp(leg, "1700000000.7"));
    OnCallBed.eventually(() -> !calls.onCall("maria"));
    OnCallBed.eventually(() -> calls.published.size() == 2);
    assertThat(calls.published.get(1).data().getBoolean("onCall")).isFalse();
  }

  @Test
  void aHangUpRightAfterTheAnswerStillEndsTheCall() {
    String leg = "Local/+12695550111@civicline-outbound-0000001c;1";
    legs.onBridgeEnter(bridged(leg, "1700000001.1", 2));
    legs.onHangup(hungUp(leg, "1700000001.1"));
    OnCallBed.eventually(() -> calls.published.size() == 2);
    assertThat(calls.onCall("maria")).isFalse();
  }
}
