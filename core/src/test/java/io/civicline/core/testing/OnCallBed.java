package io.civicline.core.testing;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.presence.OnCallPresence;
import io.civicline.core.presence.OnCalls;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Who is on a call, over the run's real Redis: town {@code lakeside} with Maria ({@code maria},
 * extension 101, clerk's office), the store of marks and the presence that announces them, with
 * every announcement kept in {@link #published}.
 */
public final class OnCallBed implements AutoCloseable {
  public final RedisTestBed bed;
  public final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  public final List<StaffEvent> published = new CopyOnWriteArrayList<>();
  public final OnCalls onCalls;
  public final OnCallPresence presence;

  private OnCallBed(RedisServer server) {
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

  public static OnCallBed open(RedisServer server) {
    return new OnCallBed(server);
  }

  /** Whether {@code staffId} of lakeside is on a call now. */
  public boolean onCall(String staffId) {
    return await(onCalls.now("lakeside")).containsKey(staffId);
  }

  /** Waits up to 5 s for {@code condition}, for effects that follow events asynchronously. */
  public static void eventually(BooleanSupplier condition) {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }

  @Override
  public void close() {
    bed.close();
  }
}
