package io.civicline.core.presence;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class OnCallPresenceTest {
  private final RedisServer server;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<StaffEvent> published = new CopyOnWriteArrayList<>();
  private RedisTestBed bed;
  private OnCalls onCalls;
  private OnCallPresence presence;

  OnCallPresenceTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    bed = RedisTestBed.open(server);
    DocumentStore store = new DocumentStore(bed.redis(), clock);
    StaffMember maria =
        new StaffMember(
            "maria",
            "Maria Gonzalez",
            "101",
            Optional.empty(),
            Optional.empty(),
            List.of("agent"),
            List.of("en"),
            List.of("clerk"));
    await(
        store.create(
            new DocumentStore.Write(
                "lakeside",
                StaffMember.COLLECTION,
                "maria",
                maria.toJson(),
                List.of(),
                List.of(),
                Actor.SYSTEM)));
    onCalls = new OnCalls(bed.redis(), clock);
    presence =
        new OnCallPresence(
            onCalls,
            store,
            (tenant, event) -> {
              published.add(event);
              return Future.succeededFuture("1");
            });
  }

  @AfterEach
  void close() {
    bed.close();
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
                bed.redis()
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PTTL)
                            .arg(OnCalls.key("lakeside"))))
            .toLong();
    assertThat(ttl).isPositive().isLessThanOrEqualTo(OnCalls.SAFETY_NET.toMillis());
  }
}
