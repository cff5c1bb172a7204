package io.civicline.signaling.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.core.store.Page;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class CallRecordsTest {
  private final RedisServer server;
  private Vertx vertx;
  private Redis redis;
  private CallRecords records;

  CallRecordsTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    server.flushAll();
    vertx = Vertx.vertx();
    redis = RedisClients.create(vertx, RedisSettings.standalone(server.url()));
    records = new CallRecords(redis);
  }

  @AfterEach
  void close() {
    redis.close();
    CallSessionsTest.await(vertx.close());
  }

  private static CallRecord record(String id, Instant at) {
    return new CallRecord(
        id,
        "twilio",
        "+12075550123",
        "+12695550100",
        "main",
        1,
        at,
        Optional.empty(),
        at,
        List.of("welcome"),
        Optional.empty(),
        "message",
        0,
        "en",
        List.of(),
        List.of());
  }

  @Test
  void pagingNeverSkipsOrRepeatsCallsThatStartedInTheSameMillisecond() {
    Instant same = Instant.parse("2026-11-24T15:00:00.123Z");
    for (String id : List.of("CA1", "CA2", "CA3", "CA4", "CA5")) {
      CallSessionsTest.await(records.put("lakeside", record(id, same)));
    }
    CallSessionsTest.await(records.put("lakeside", record("CA0", same.minusSeconds(1))));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<JsonObject> page =
          CallSessionsTest.await(
              records.list("lakeside", Optional.empty(), Optional.empty(), cursor, 2, r -> true));
      page.items().forEach(r -> seen.add(r.getString("id")));
      cursor = page.next().orElse(null);
    } while (cursor != null);

    assertThat(seen).containsExactly("CA5", "CA4", "CA3", "CA2", "CA1", "CA0");
  }

  private static CallRecord forStaff(
      String id, Instant at, List<String> rung, List<String> departments, String answeredBy) {
    CallRecord plain = record(id, at);
    return new CallRecord(
        id,
        plain.channel(),
        plain.from(),
        plain.to(),
        plain.flowId(),
        plain.flowVersion(),
        at,
        Optional.ofNullable(answeredBy).map(by -> at.plusSeconds(5)),
        at.plusSeconds(60),
        plain.path(),
        Optional.ofNullable(answeredBy),
        answeredBy == null ? "voicemail" : "answered",
        0,
        "en",
        rung,
        departments);
  }

  private List<String> pages(
      java.util.function.BiFunction<String, Integer, Page<JsonObject>> list, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<JsonObject> page = list.apply(cursor, limit);
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      page.items().forEach(r -> seen.add(r.getString("id")));
      cursor = page.next().orElse(null);
    } while (cursor != null);
    return seen;
  }

  @Test
  void aStaffMembersCallsAreThoseThatRangThemOrTheyAnswered() {
    Instant t = Instant.parse("2026-11-24T15:00:00Z");
    put(forStaff("CA1", t, List.of("jim", "maria"), List.of("clerk"), "maria"));
    put(forStaff("CA2", t.plusSeconds(60), List.of("maria"), List.of("clerk"), null));
    put(forStaff("CA3", t.plusSeconds(120), List.of(), List.of(), "maria")); // a callback
    put(forStaff("CA4", t.plusSeconds(180), List.of("jim"), List.of("public-works"), null));
    put(forStaff("CA5", t.plusSeconds(240), List.of("sofia"), List.of("lakeside"), null));

    assertThat(pages((cursor, limit) -> staff("maria", cursor, limit, r -> true), 2))
        .containsExactly("CA3", "CA2", "CA1");
    assertThat(pages((cursor, limit) -> staff("jim", cursor, limit, CallRecord::missed), 1))
        .containsExactly("CA4");
    assertThat(pages((cursor, limit) -> staff("nobody", cursor, limit, r -> true), 5)).isEmpty();
    JsonObject stored = CallSessionsTest.await(records.get("lakeside", "CA1")).orElseThrow();
    assertThat(stored.getJsonArray("rung")).containsExactly("jim", "maria");
    assertThat(stored.getJsonArray("departments")).containsExactly("clerk");
  }

  @Test
  void departmentCallsMergeTheirIndexesNewestFirstEachOnceAcrossPages() {
    Instant t = Instant.parse("2026-11-24T15:00:00Z");
    List<String> expected = new ArrayList<>();
    // More than one batch (50) per index, interleaved, some calls for both departments, and
    // calls of the same millisecond.
    for (int i = 0; i < 130; i++) {
      List<String> departments =
          i % 5 == 0 ? List.of("clerk", "treasurer") : List.of(i % 2 == 0 ? "clerk" : "treasurer");
      String id = "CA" + (1000 + i);
      put(forStaff(id, t.plusMillis(i / 3), List.of(), departments, i % 4 == 0 ? "x" : null));
      expected.add(0, id);
    }
    put(forStaff("CB1", t.plusSeconds(9), List.of(), List.of("building"), null));

    List<String> both = List.of("clerk", "treasurer");
    assertThat(pages((cursor, limit) -> departments(both, cursor, limit, r -> true), 7))
        .containsExactlyElementsOf(expected);
    List<String> missed =
        expected.stream().filter(id -> Integer.parseInt(id.substring(2)) % 4 != 0).toList();
    assertThat(pages((cursor, limit) -> departments(both, cursor, limit, CallRecord::missed), 9))
        .containsExactlyElementsOf(missed);
    assertThat(
            pages((cursor, limit) -> departments(List.of("building"), cursor, limit, r -> true), 3))
        .containsExactly("CB1");
    assertThat(pages((cursor, limit) -> departments(List.of(), cursor, limit, r -> true), 3))
        .isEmpty();
  }

  @Test
  void anotherTownsCallsNeverShow() {
    Instant t = Instant.parse("2026-11-24T15:00:00Z");
    CallSessionsTest.await(
        records.put("riverton", forStaff("CR1", t, List.of("maria"), List.of("clerk"), null)));

    assertThat(pages((cursor, limit) -> staff("maria", cursor, limit, r -> true), 5)).isEmpty();
    assertThat(pages((cursor, limit) -> departments(List.of("clerk"), cursor, limit, r -> true), 5))
        .isEmpty();
  }

  private void put(CallRecord record) {
    CallSessionsTest.await(records.put("lakeside", record));
  }

  private Page<JsonObject> staff(
      String staffId, String cursor, int limit, java.util.function.Predicate<JsonObject> filter) {
    return CallSessionsTest.await(records.listForStaff("lakeside", staffId, cursor, limit, filter));
  }

  private Page<JsonObject> departments(
      List<String> departments,
      String cursor,
      int limit,
      java.util.function.Predicate<JsonObject> filter) {
    return CallSessionsTest.await(
        records.listForDepartments("lakeside", departments, cursor, limit, filter));
  }
}
