package io.civicline.signaling.sms;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Threads and messages in real Redis: one atomic write per inbound text, keyed by its sid. */
@ExtendWith(RedisExtension.class)
class SmsStoreTest {
  static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
  static final String SID = "SM" + "a".repeat(32);

  private final RedisServer server;
  private RedisTestBed bed;
  private SmsStore store;

  SmsStoreTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    bed = RedisTestBed.open(server);
    store = new SmsStore(bed.redis());
  }

  @AfterEach
  void close() {
    bed.close();
  }

  private SmsStore.Inbound inbound(String sid, String body, Optional<SmsStore.Outbound> reply) {
    return new SmsStore.Inbound(
        "lakeside",
        sid,
        "public-works",
        "+12075550123",
        "+12695550100",
        "en",
        body,
        "",
        new JsonArray(),
        reply,
        3_600_000,
        T0);
  }

  @Test
  void twoDeliveriesOfOneTextRacingAreStoredOnceWithOneReply() {
    Optional<SmsStore.Outbound> reply =
        Optional.of(new SmsStore.Outbound("out-a", "auto-reply", "system", "closed"));
    Future<SmsStore.InboundResult> first = store.inbound(inbound(SID, "pothole", reply));
    Future<SmsStore.InboundResult> second =
        store.inbound(
            inbound(
                SID,
                "pothole",
                Optional.of(new SmsStore.Outbound("out-b", "auto-reply", "system", "closed"))));

    assertThat(List.of(await(first), await(second)))
        .containsExactlyInAnyOrder(
            SmsStore.InboundResult.REPLIED, SmsStore.InboundResult.DUPLICATE);
    List<SmsMessage> messages =
        await(store.messages("lakeside", SmsThread.id("public-works", "+12075550123"), 10));
    assertThat(messages).extracting(SmsMessage::kind).containsExactly("auto-reply", "text");
  }

  @Test
  void aThreadKeepsItsFirstMomentAndFollowsTheLatest() {
    await(store.inbound(inbound(SID, "pothole", Optional.empty())));
    SmsStore.Inbound later =
        new SmsStore.Inbound(
            "lakeside",
            "SM" + "b".repeat(32),
            "public-works",
            "+12075550123",
            "+12695550199",
            "es",
            "gracias",
            "",
            new JsonArray(),
            Optional.empty(),
            0,
            T0.plusSeconds(60));
    await(store.inbound(later));

    SmsThread thread =
        await(store.thread("lakeside", SmsThread.id("public-works", "+12075550123"))).orElseThrow();
    assertThat(thread.createdAt()).isEqualTo(T0);
    assertThat(thread.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(thread.townNumber()).isEqualTo("+12695550199");
    assertThat(thread.language()).isEqualTo("es");
    assertThat(thread.lastMessageId()).isEqualTo("SM" + "b".repeat(32));
    assertThat(await(store.language("lakeside", "+12075550123"))).contains("es");
    assertThat(await(store.threads("lakeside", "public-works", 0, 10))).hasSize(1);
  }
}
