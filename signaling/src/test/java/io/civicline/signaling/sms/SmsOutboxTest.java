package io.civicline.signaling.sms;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox's pacing decisions and crash recovery, against real Redis. */
@ExtendWith(RedisExtension.class)
class SmsOutboxTest {
  static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
  static final String MAIN = "+12695550100";
  static final String WORKS_LINE = "+12695550199";
  static final String RESIDENT = "+12075550123";

  private final RedisServer server;
  private RedisTestBed bed;
  private SmsStore store;
  private SmsOutbox outbox;

  SmsOutboxTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    bed = RedisTestBed.open(server);
    store = new SmsStore(bed.redis());
    outbox = new SmsOutbox(bed.redis(), Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  @AfterEach
  void close() {
    bed.close();
  }

  /** A thread of the resident on {@code number}, made by an inbound text. */
  private SmsThread thread(String department, String number) {
    await(
        store.inbound(
            new SmsStore.Inbound(
                "lakeside",
                "SM"
                    + Integer.toHexString(number.hashCode() + department.hashCode())
                        .repeat(8)
                        .substring(0, 32),
                department,
                RESIDENT,
                number,
                "en",
                "hello",
                "",
                new io.vertx.core.json.JsonArray(),
                Optional.empty(),
                0,
                T0)));
    return await(store.thread("lakeside", SmsThread.id(department, RESIDENT))).orElseThrow();
  }

  private void queue(SmsThread thread, String id) {
    assertThat(
            await(
                store.reply("lakeside", thread, new SmsStore.Outbound(id, "text", "rob", id), T0)))
        .isEqualTo(SmsStore.ReplyResult.QUEUED);
  }

  private List<String> claimed(Instant at) {
    return await(outbox.claim("lakeside", at)).stream().map(SmsOutbox.Job::id).toList();
  }

  @Test
  void eachNumberSendsOnePerIntervalAndNumbersDoNotWaitForEachOther() {
    SmsThread main = thread("clerk", MAIN);
    SmsThread works = thread("public-works", WORKS_LINE);
    queue(main, "m1");
    queue(main, "m2");
    queue(works, "w1");

    assertThat(claimed(T0)).containsExactlyInAnyOrder("m1", "w1");
    assertThat(claimed(T0.plusMillis(999))).isEmpty();
    assertThat(claimed(T0.plusMillis(1000))).containsExactly("m2");
    assertThat(claimed(T0.plusMillis(5000))).isEmpty();
  }

  @Test
  void aNewTextAfterAQuietSpellStillWaitsForThePace() {
    SmsThread main = thread("clerk", MAIN);
    queue(main, "m1");
    assertThat(claimed(T0)).containsExactly("m1");

    queue(main, "m2");

    assertThat(claimed(T0.plusMillis(500))).isEmpty();
    assertThat(claimed(T0.plusMillis(1000))).containsExactly("m2");
  }

  @Test
  void aTextWhoseSenderVanishedIsTakenBackAfterItsLeaseFirstInLine() {
    SmsThread main = thread("clerk", MAIN);
    queue(main, "m1");
    queue(main, "m2");
    assertThat(claimed(T0)).containsExactly("m1");
    // The node that claimed m1 dies; nothing is recovered while its lease runs.
    assertThat(await(outbox.recover("lakeside", T0.plusSeconds(59)))).isZero();

    assertThat(await(outbox.recover("lakeside", T0.plusSeconds(60)))).isEqualTo(1);

    assertThat(claimed(T0.plusSeconds(60))).containsExactly("m1");
    assertThat(claimed(T0.plusSeconds(61))).containsExactly("m2");
  }

  @Test
  void aRetryKeepsOrderAndHoldsTheNumber() {
    SmsThread main = thread("clerk", MAIN);
    queue(main, "m1");
    queue(main, "m2");
    SmsOutbox.Job first = await(outbox.claim("lakeside", T0)).getFirst();

    await(outbox.retry(first, T0.plusSeconds(4)));

    assertThat(claimed(T0.plusSeconds(3))).isEmpty();
    List<SmsOutbox.Job> again = await(outbox.claim("lakeside", T0.plusSeconds(4)));
    assertThat(again).extracting(SmsOutbox.Job::id).containsExactly("m1");
    assertThat(again.getFirst().attempts()).isEqualTo(1);
  }

  @Test
  void statusesOnlyMoveForward() {
    SmsThread main = thread("clerk", MAIN);
    queue(main, "m1");
    Instant t = T0.plusSeconds(1);

    assertThat(status("m1", "sent", t)).isTrue();
    assertThat(status("m1", "queued", t)).isFalse();
    assertThat(status("m1", "delivered", t)).isTrue();
    assertThat(status("m1", "failed", t)).isFalse();
    assertThat(status("nope", "delivered", t)).isFalse();
    assertThat(await(store.message("lakeside", "m1")).orElseThrow().status())
        .isEqualTo("delivered");
  }

  private boolean status(String id, String status, Instant at) {
    return await(
        store.status(
            "lakeside", id, status, Optional.empty(), Optional.empty(), Optional.empty(), at));
  }
}
