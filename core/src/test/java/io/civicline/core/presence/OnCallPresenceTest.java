package io.civicline.core.presence;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.testing.OnCallBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class OnCallPresenceTest {
  private final RedisServer server;
  private OnCallBed calls;
  private TestClock clock;
  private List<StaffEvent> published;
  private OnCalls onCalls;
  private OnCallPresence presence;

  OnCallPresenceTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    calls = OnCallBed.open(server);
    clock = calls.clock;
    published = calls.published;
    onCalls = calls.onCalls;
    presence = calls.presence;
  }

  @AfterEach
  void close() {
    calls.close();
  }

  @Test
  void colleaguesHearOnceWhenAMemberGetsOnAndOffACall() {
    await(presence.started("lakeside", "maria", "CA1"));
    await(presence.started("lakeside", "maria", "CA1")); // a retried webhook: no second event

    assertThat(await(onCalls.now("lakeside"))).containsOnlyKeys("maria");
    assertThat(await(onCalls.now("riverton"))).isEmpty();
    assertThat(published).hasSize(1);
    StaffEvent on = published.get(0);
    assertThat(on.type()).isEqualTo("presence.changed");
    assertThat(on.audience().departments()).containsExactly("clerk");
    assertThat(on.audience().staff()).containsExactly("maria");
    assertThat(on.data().getBoolean("onCall")).isTrue();
    assertThat(on.data().getString("status")).isEqualTo("offline");

    await(presence.ended("lakeside", "maria", "CA2")); // another call's end leaves her on CA1
    assertThat(await(onCalls.now("lakeside"))).containsOnlyKeys("maria");
    await(presence.ended("lakeside", "maria", "CA1"));
    await(presence.ended("lakeside", "maria", "CA1"));

    assertThat(await(onCalls.now("lakeside"))).isEmpty();
    assertThat(published).hasSize(2);
    assertThat(published.get(1).data().getBoolean("onCall")).isFalse();
  }

  @Test
  void aMarkNobodyClearedLapsesAfterTheSafetyNet() {
    await(onCalls.started("lakeside", "maria", "CA1"));
    clock.advance(OnCalls.SAFETY_NET.minusMinutes(1));
    assertThat(await(onCalls.now("lakeside"))).containsOnlyKeys("maria");

    clock.advance(Duration.ofMinutes(2));
    assertThat(await(onCalls.now("lakeside"))).isEmpty();
    // a new call after a lapsed mark counts as getting on a call again
    assertThat(await(onCalls.started("lakeside", "maria", "CA2"))).isTrue();
    long ttl =
        await(
                calls
                    .bed
                    .redis()
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PTTL)
                            .arg(OnCalls.key("lakeside"))))
            .toLong();
    assertThat(ttl).isPositive().isLessThanOrEqualTo(OnCalls.SAFETY_NET.toMillis());
  }
}
