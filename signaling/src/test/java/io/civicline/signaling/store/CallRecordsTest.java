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
        "en");
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
}
