package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Call records as the channel writes them, listed newest first with filters and pages. */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallRecordsApiTest {
  private static final String CALLS = "/api/v1/tenants/lakeside/calls";
  private static final Instant DAY = Instant.parse("2026-11-02T14:00:00Z");
  private RunningServer server;
  private Api admin;

  @BeforeAll
  void start(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, true);
    admin = server.tenantAdmin("lakeside");
    String[] outcomes = {"answered", "voicemail", "answered", "message", "answered", "voicemail"};
    for (int i = 0; i < outcomes.length; i++) {
      String from = i % 2 == 0 ? "+12075550123" : "+12075550999";
      Cdrs.put(
          server,
          "lakeside",
          Cdrs.record("CA" + i, from, "+12695550100", DAY.plusSeconds(600L * i), outcomes[i]));
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private List<String> ids(String query) {
    Api.Response page = admin.get(CALLS + query);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.items().stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void newestFirstWithFilters() {
    assertThat(ids("")).containsExactly("CA5", "CA4", "CA3", "CA2", "CA1", "CA0");
    assertThat(ids("?outcome=answered")).containsExactly("CA4", "CA2", "CA0");
    assertThat(ids("?from=%2B12075550999")).containsExactly("CA5", "CA3", "CA1");
    assertThat(ids("?to=%2B12695550100&outcome=voicemail")).containsExactly("CA5", "CA1");
    assertThat(ids("?since=" + DAY.plusSeconds(1200) + "&until=" + DAY.plusSeconds(2400)))
        .containsExactly("CA4", "CA3", "CA2");
    assertThat(ids("?to=%2B12695550199")).isEmpty();
  }

  @Test
  void pagesFollowTheCursor() {
    List<String> seen = new ArrayList<>();
    String query = "?limit=2&outcome=answered";
    int pages = 0;
    while (query != null) {
      Api.Response page = admin.get(CALLS + query);
      page.items().forEach(o -> seen.add(((JsonObject) o).getString("id")));
      String next = page.json().getString("next");
      query = next == null ? null : "?limit=2&outcome=answered&cursor=" + next;
      pages++;
    }
    assertThat(seen).containsExactly("CA4", "CA2", "CA0");
    assertThat(pages).isBetween(2, 3);
  }

  @Test
  void oneRecordAndRefusals() {
    JsonObject record = admin.get(CALLS + "/CA3").json();
    assertThat(record.getString("outcome")).isEqualTo("message");
    assertThat(record.getJsonArray("path").getList()).contains("main-menu");
    assertThat(admin.get(CALLS + "/CA77").status()).isEqualTo(404);
    assertThat(admin.get(CALLS + "?outcome=lost").status()).isEqualTo(400);
    assertThat(admin.get(CALLS + "?from=12075550123").status()).isEqualTo(400);
    assertThat(admin.get(CALLS + "?since=monday").status()).isEqualTo(400);
    assertThat(admin.get(CALLS + "?cursor=abc").status()).isEqualTo(400);
  }
}
