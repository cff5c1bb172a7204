package io.civicline.signaling.asterisk.calls;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.presence.OnCallPresence;
import io.civicline.core.presence.OnCalls;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.signaling.asterisk.ami.DeviceStates;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A desk phone in a conversation puts its owner on a call; ringing does not; idle ends it. */
@ExtendWith(RedisExtension.class)
class DeskPhoneCallsTest {
  private final RedisServer server;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<StaffEvent> published = new CopyOnWriteArrayList<>();
  private RedisTestBed bed;
  private OnCalls onCalls;
  private DeviceStates states;

  DeskPhoneCallsTest(RedisServer server) {
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
    OnCallPresence presence =
        new OnCallPresence(
            onCalls,
            store,
            (tenant, event) -> {
              published.add(event);
              return Future.succeededFuture("1-0");
            });
    states =
        new DeviceStates(
            bed.redis(),
            new DeskPhoneCalls(
                presence, tenant -> Future.succeededFuture(Map.of("maria", "101", "tom", "102"))));
  }

  @AfterEach
  void close() {
    bed.close();
  }

  private boolean onCall(String staffId) {
    return await(onCalls.now("lakeside")).containsKey(staffId);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }

  @Test
  void aTalkingDeskPhoneIsACallAndAnIdleOneEndsIt() throws Exception {
    await(states.put("lakeside", "PJSIP/101", "RINGING"));
    await(states.put("lakeside", "PJSIP/555", "INUSE")); // nobody's phone
    await(states.put("lakeside", "PJSIP/101", "INUSE"));
    eventually(() -> onCall("maria"));
    eventually(() -> published.size() == 1);
    assertThat(published.get(0).type()).isEqualTo("presence.changed");
    assertThat(published.get(0).data().getBoolean("onCall")).isTrue();
    assertThat(published.get(0).audience().departments()).containsExactly("clerk");

    await(states.put("lakeside", "PJSIP/101", "NOT_INUSE"));
    eventually(() -> !onCall("maria"));
    eventually(() -> published.size() == 2);
    assertThat(published.get(1).data().getBoolean("onCall")).isFalse();
    assertThat(await(onCalls.now("lakeside"))).isEmpty();
  }

  @Test
  void aResyncAfterReconnectSetsAndClearsFromTheFullList() throws Exception {
    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "ONHOLD", "PJSIP/102", "NOT_INUSE")));
    eventually(() -> onCall("maria"));
    assertThat(onCall("tom")).isFalse();

    await(states.replaceAll("lakeside", Map.of("PJSIP/101", "UNAVAILABLE")));
    eventually(() -> !onCall("maria"));
  }
}
