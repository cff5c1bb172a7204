package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two nodes' views of who has a socket; a node that crashes stops counting after the TTL. */
@ExtendWith(RedisExtension.class)
class LiveSocketsTest {
  private static final Duration TTL = Duration.ofMinutes(10); // no real heartbeat during a test
  private final RedisTestBed bed;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final LiveSockets nodeA;
  private final LiveSockets nodeB;

  LiveSocketsTest(RedisServer redis) {
    this.bed = RedisTestBed.open(redis);
    this.nodeA = new LiveSockets(bed.vertx(), bed.redis(), clock, TTL);
    this.nodeB = new LiveSockets(bed.vertx(), bed.redis(), clock, TTL);
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
    bed.close();
  }

  @Test
  void aSocketOnAnyNodeCountsUntilItCloses() {
    assertThat(await(nodeB.hasLiveSocket("lakeside", "ann"))).isFalse();
    String first = await(nodeA.connected("lakeside", "ann"));
    String second = await(nodeB.connected("lakeside", "ann"));

    assertThat(await(nodeB.hasLiveSocket("lakeside", "ann"))).isTrue();
    assertThat(await(nodeB.hasLiveSocket("riverton", "ann"))).isFalse();
    assertThat(await(nodeB.hasLiveSocket("lakeside", "bob"))).isFalse();

    await(nodeA.disconnected(first));
    assertThat(await(nodeA.hasLiveSocket("lakeside", "ann"))).isTrue();
    await(nodeB.disconnected(second));
    assertThat(await(nodeA.hasLiveSocket("lakeside", "ann"))).isFalse();
  }

  @Test
  void aCrashedNodesSocketsLapseWhileLiveNodesKeepTheirsFresh() {
    await(nodeA.connected("lakeside", "ann")); // node A will "crash": it never refreshes again
    await(nodeB.connected("lakeside", "bob"));

    clock.advance(TTL.minusSeconds(1));
    await(nodeB.refresh());
    clock.advance(Duration.ofSeconds(2));

    assertThat(await(nodeB.hasLiveSocket("lakeside", "ann"))).isFalse();
    assertThat(await(nodeB.hasLiveSocket("lakeside", "bob"))).isTrue();
  }
}
