package io.civicline.signaling.sms;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.StoreException;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Threads and messages in real Redis: one atomic write per inbound text, keyed by its sid; staff
 * triage of threads (assigned, handled, noted), versioned and audited.
 */
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

  static final String RESIDENT = "+12075550123";
  static final String THREAD = SmsThread.id("public-works", RESIDENT);
  static final String ACTOR = new JsonObject().put("id", "staff:jim").encode();
  private int sids;

  private void text(String resident, String body, String command, Instant at) {
    String sid = "SM" + String.format("%032x", ++sids);
    await(
        store.inbound(
            new SmsStore.Inbound(
                "lakeside",
                sid,
                "public-works",
                resident,
                "+12695550100",
                "en",
                body,
                command,
                new JsonArray(),
                Optional.empty(),
                3_600_000,
                at)));
  }

  private SmsThread triage(OptionalLong version, SmsStore.Triage change, String action) {
    return await(store.triage("lakeside", THREAD, version, change, ACTOR, action, T0));
  }

  @Test
  void aThreadIsAssignedNotedAndHandledOneVersionAtATime() {
    text(RESIDENT, "pothole on Main St", "", T0);
    SmsThread fresh = await(store.thread("lakeside", THREAD)).orElseThrow();
    assertThat(fresh.version()).isZero();
    assertThat(fresh.handled()).isFalse();
    assertThat(fresh.assignedTo()).isEmpty();

    SmsThread assigned =
        triage(
            OptionalLong.of(0),
            new SmsStore.Triage(Optional.of("jim"), Optional.empty(), Optional.of("crew sent")),
            "assign+note");
    assertThat(assigned.assignedTo()).contains("jim");
    assertThat(assigned.note()).contains("crew sent");
    assertThat(assigned.version()).isEqualTo(1);

    // Someone acting on what they read before the change is refused.
    assertThatThrownBy(
            () ->
                triage(
                    OptionalLong.of(0),
                    new SmsStore.Triage(Optional.empty(), Optional.of(true), Optional.empty()),
                    "mark-handled"))
        .isInstanceOfSatisfying(
            StoreException.VersionMismatch.class, e -> assertThat(e.current()).isEqualTo(1));

    SmsThread handled =
        triage(
            OptionalLong.of(1),
            new SmsStore.Triage(Optional.of(""), Optional.of(true), Optional.empty()),
            "unassign+mark-handled");
    assertThat(handled.handled()).isTrue();
    assertThat(handled.handledAt()).contains(T0);
    assertThat(handled.assignedTo()).isEmpty();
    assertThat(handled.note()).contains("crew sent");
    assertThat(handled.version()).isEqualTo(2);
    assertThat(handled.toJson().getString("status")).isEqualTo("handled");

    // The same again changes nothing, not even the version, and is not audited.
    SmsThread again =
        triage(
            OptionalLong.empty(),
            new SmsStore.Triage(Optional.empty(), Optional.of(true), Optional.of("crew sent")),
            "mark-handled");
    assertThat(again.version()).isEqualTo(2);

    List<JsonObject> audit = audit();
    assertThat(audit)
        .extracting(a -> a.getString("action"))
        .containsExactly("assign+note", "unassign+mark-handled");
    assertThat(audit.get(1).getString("resource")).isEqualTo("sms-threads/" + THREAD);
    assertThat(new JsonObject(audit.get(1).getString("before")).getString("assignedTo"))
        .isEqualTo("jim");
    assertThat(new JsonObject(audit.get(1).getString("after")).getString("status"))
        .isEqualTo("handled");
  }

  @Test
  void aNewTextFromTheResidentReopensAHandledThreadButStopDoesNot() {
    text(RESIDENT, "pothole on Main St", "", T0);
    triage(
        OptionalLong.empty(),
        new SmsStore.Triage(Optional.empty(), Optional.of(true), Optional.empty()),
        "mark-handled");

    text(RESIDENT, "STOP", "stop", T0.plusSeconds(60));
    assertThat(await(store.thread("lakeside", THREAD)).orElseThrow().handled()).isTrue();

    text(RESIDENT, "it is back", "", T0.plusSeconds(120));
    SmsThread reopened = await(store.thread("lakeside", THREAD)).orElseThrow();
    assertThat(reopened.handled()).isFalse();
    assertThat(reopened.handledAt()).isEmpty();
    // An app holding the handled version must not close it again unknowingly.
    assertThat(reopened.version()).isEqualTo(2);
  }

  @Test
  void anUnknownThreadIsNotFound() {
    assertThatThrownBy(
            () ->
                triage(
                    OptionalLong.empty(),
                    new SmsStore.Triage(Optional.of("jim"), Optional.empty(), Optional.empty()),
                    "assign"))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void threadIdsPageByLastActivity() {
    text("+12075550001", "a", "", T0);
    text("+12075550002", "b", "", T0.plusSeconds(10));
    text("+12075550003", "c", "", T0.plusSeconds(20));
    String a = SmsThread.id("public-works", "+12075550001");
    String b = SmsThread.id("public-works", "+12075550002");
    String c = SmsThread.id("public-works", "+12075550003");

    assertThat(await(store.threadIdsActiveBy("lakeside", "public-works", Long.MAX_VALUE, 0, 10)))
        .containsExactly(c, b, a);
    long bAt = T0.plusSeconds(10).toEpochMilli();
    assertThat(await(store.threadIdsActiveBy("lakeside", "public-works", bAt, 0, 10)))
        .containsExactly(b, a);
    assertThat(await(store.threadIdsActiveBy("lakeside", "public-works", bAt, 1, 10)))
        .containsExactly(a);
    assertThat(await(store.threadIdsActiveBy("riverton", "public-works", bAt, 0, 10))).isEmpty();
  }

  private List<JsonObject> audit() {
    Response entries =
        await(
            bed.redis()
                .send(
                    Request.cmd(Command.XRANGE)
                        .arg(DocumentStore.auditKey("lakeside"))
                        .arg("-")
                        .arg("+")));
    List<JsonObject> list = new ArrayList<>();
    for (Response entry : entries) {
      Response fields = entry.get(1);
      JsonObject json = new JsonObject();
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        json.put(fields.get(i).toString(), fields.get(i + 1).toString());
      }
      list.add(json);
    }
    return list;
  }
}
