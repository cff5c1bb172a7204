package io.civicline.signaling.asterisk.calls;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.OnCallBed;
import io.civicline.signaling.asterisk.ami.DeviceStates;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A desk phone in a conversation puts its owner on a call; ringing does not; idle ends it. */
@ExtendWith(RedisExtension.class)
class DeskPhoneCallsTest {
  private final RedisServer server;
  private OnCallBed calls;
  private DeviceStates states;

  DeskPhoneCallsTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    calls = OnCallBed.open(server);
    states =
        new DeviceStates(
            calls.bed.redis(),
            new DeskPhoneCalls(
                calls.presence,
                tenant -> Future.succeededFuture(Map.of("maria", "101", "tom", "102"))));
  }

  @AfterEach
  void close() {
    calls.close();
  }

  @Test
  void aTalkingDeskPhoneIsACallAndAnIdleOneEndsIt() {
    await(states.put("lakeside", "PJSIP/101", "RINGING"));
    await(states.put("lakeside", "PJSIP/555", "INUSE")); // nobody's phone
    await(states.put("lakeside", "PJSIP/101", "INUSE"));
    OnCallBed.eventually(() -> calls.onCall("maria"));
    OnCallBed.eventually(() -> calls.published.size() == 1);
    assertThat(calls.published.get(0).type()).isEqualTo("presence.changed");
    assertThat(calls.published.get(0).data().getBoolean("onCall")).isTrue();
    assertThat(calls.published.get(0).audience().departments()).containsExactly("clerk");

    await(states.put("lakeside", "PJSIP/101", "NOT_INUSE"));
    OnCallBed.eventually(() -> !calls.onCall("maria"));
    OnCallBed.eventually(() -> calls.published.size() == 2);
    assertThat(calls.published.get(1).data().getBoolean("onCall")).isFalse();
    assertThat(await(calls.onCalls.now("lakeside"))).isEmpty();
  }

  @Test
  void aResyncAfterReconnectSetsAndClearsFromTheFullList() {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "ONHOLD", "PJSIP/102", "NOT_INUSE")));
    OnCallBed.eventually(() -> calls.onCall("maria"));
    assertThat(calls.onCall("tom")).isFalse();

    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "UNAVAILABLE")));
    OnCallBed.eventually(() -> !calls.onCall("maria"));
  }
}
