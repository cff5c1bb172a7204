package io.civicline.signaling.context;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.presence.OnCalls;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.routing.engine.CallContext;
import io.civicline.signaling.store.FlowStore;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ring and queue nodes see an available member who is on a call, or at a busy desk, as busy. */
@ExtendWith(RedisExtension.class)
class CallContextLoaderTest {
  private final RedisServer server;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-03T15:00:00Z"));
  private RedisTestBed bed;
  private DocumentStore documents;
  private OnCalls onCalls;
  private Map<String, String> desks = Map.of();
  private CallContextLoader loader;

  CallContextLoaderTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void seed() {
    bed = RedisTestBed.open(server);
    documents = new DocumentStore(bed.redis(), clock);
    onCalls = new OnCalls(bed.redis(), clock);
    create(
        "tenant",
        "lakeside",
        new JsonObject()
            .put("name", "Lakeside Township")
            .put("timeZone", "America/Detroit")
            .put("languages", List.of("en"))
            .put("defaultLanguage", "en"));
    for (String id : List.of("maria", "tom")) {
      StaffMember member =
          new StaffMember(
              id,
              id,
              id.equals("maria") ? "101" : "102",
              Optional.empty(),
              Optional.empty(),
              List.of("agent"),
              List.of("en"),
              List.of());
      create(StaffMember.COLLECTION, id, member.toJson());
      create(
          PresenceStatus.COLLECTION,
          id,
          new PresenceStatus(id, PresenceStatus.Status.AVAILABLE, clock.instant()).toJson());
    }
    loader =
        new CallContextLoader(
            documents,
            new FlowStore(documents, bed.redis()),
            new FlowCache(16),
            tenant -> Future.succeededFuture(desks),
            onCalls::now);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  private void create(String collection, String id, JsonObject body) {
    await(
        documents.create(
            new DocumentStore.Write(
                "lakeside", collection, id, body, List.of(), List.of(), Actor.SYSTEM)));
  }

  private CallContext.Presence presenceOf(String staffId) {
    CallContext context = await(loader.load("lakeside", clock.instant(), Optional.empty())).get();
    return context.staff().get(staffId).presence();
  }

  @Test
  void aMemberOnACallIsBusyUntilItEnds() {
    assertThat(presenceOf("maria")).isEqualTo(CallContext.Presence.AVAILABLE);

    await(onCalls.started("lakeside", "maria", "CA1"));
    assertThat(presenceOf("maria")).isEqualTo(CallContext.Presence.BUSY);
    assertThat(presenceOf("tom")).isEqualTo(CallContext.Presence.AVAILABLE);

    await(onCalls.ended("lakeside", "maria", "CA1"));
    assertThat(presenceOf("maria")).isEqualTo(CallContext.Presence.AVAILABLE);
  }

  @Test
  void aMarkLeftByACrashedNodeLapses() {
    await(onCalls.started("lakeside", "maria", "CA1"));
    clock.advance(OnCalls.SAFETY_NET.plusSeconds(1));
    assertThat(presenceOf("maria")).isEqualTo(CallContext.Presence.AVAILABLE);
  }

  @Test
  void aDeskPhoneInUseStillMakesTheMemberBusy() {
    desks = Map.of("PJSIP/102", "INUSE");
    assertThat(presenceOf("tom")).isEqualTo(CallContext.Presence.BUSY);
    assertThat(presenceOf("maria")).isEqualTo(CallContext.Presence.AVAILABLE);
  }
}
