package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Start-up, restart, tokens, health and metrics of the real server. */
@ExtendWith(RedisExtension.class)
class ServerLifecycleTest {
  private final RedisServer redis;
  @TempDir Path dir;

  ServerLifecycleTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void clean() {
    redis.flushAll();
  }

  @Test
  void seedsTheDemoTownshipOnceAndKeepsChangesAcrossRestarts() {
    String etag;
    try (RunningServer first = RunningServer.start(redis, dir, true)) {
      Api admin = first.platformAdmin();
      Api.Response lakeside = admin.get("/api/v1/tenants/lakeside");
      assertThat(lakeside.status()).isEqualTo(200);
      assertThat(lakeside.json().getString("name")).isEqualTo("Lakeside Township");
      assertThat(admin.get("/api/v1/tenants/lakeside/departments").items())
          .extracting(o -> ((JsonObject) o).getString("id"))
          .containsExactly("building", "clerk", "parks", "public-works", "treasurer");
      assertThat(admin.get("/api/v1/tenants/lakeside/staff").items()).hasSize(12);
      assertThat(admin.get("/api/v1/tenants/lakeside/numbers").items()).hasSize(2);
      // An admin changes the demo data and deletes a staff member.
      Api.Response clerk = admin.get("/api/v1/tenants/lakeside/departments/clerk");
      admin.put(
          "/api/v1/tenants/lakeside/departments/clerk",
          clerk.json().put("name", "Clerk's Office"),
          clerk.etag());
      assertThat(admin.delete("/api/v1/tenants/lakeside/staff/tom-becker").status()).isEqualTo(204);
      etag = admin.get("/api/v1/tenants/lakeside/departments/clerk").etag();
    }

    try (RunningServer second = RunningServer.start(redis, dir, true)) {
      Api admin = second.platformAdmin();
      Api.Response clerk = admin.get("/api/v1/tenants/lakeside/departments/clerk");
      assertThat(clerk.json().getString("name")).isEqualTo("Clerk's Office");
      assertThat(clerk.etag()).isEqualTo(etag);
      assertThat(admin.get("/api/v1/tenants/lakeside/staff/tom-becker").status()).isEqualTo(404);
      assertThat(admin.get("/api/v1/tenants/lakeside/staff").items()).hasSize(11);
    }
  }

  @Test
  void demoTownshipAnswersHolidayQuestions() {
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      Api admin = server.platformAdmin();
      String clerk = "/api/v1/tenants/lakeside/departments/clerk/holidays/";
      String works = "/api/v1/tenants/lakeside/departments/public-works/holidays/";
      // Federal, inherited by the town.
      assertThat(admin.get(clerk + "2026-11-26").json().getString("name"))
          .isEqualTo("Thanksgiving Day");
      // The town's own rule.
      assertThat(admin.get(clerk + "2026-11-27").json().getString("from"))
          .isEqualTo("lakeside-town");
      // The town excludes Columbus Day.
      assertThat(admin.get(clerk + "2026-10-12").json().getBoolean("holiday")).isFalse();
      // Public Works excludes the town's Good Friday but inherits the rest.
      assertThat(admin.get(works + "2026-04-03").json().getBoolean("holiday")).isFalse();
      assertThat(admin.get(clerk + "2026-04-03").json().getBoolean("holiday")).isTrue();
      assertThat(admin.get(works + "2027-04-24").json().getString("name"))
          .isEqualTo("Spring clean-up day");
      // Observed on Friday when the Fourth falls on a Saturday.
      JsonObject observed = admin.get(clerk + "2026-07-03").json();
      assertThat(observed.getBoolean("observed")).isTrue();
      assertThat(
              admin
                  .get("/api/v1/tenants/lakeside/holidays?year=2026")
                  .json()
                  .getJsonArray("holidays"))
          .isNotEmpty();
    }
  }

  @Test
  void thePlatformTokenFileIsPrivateAndReusedAcrossStarts() throws Exception {
    String token;
    try (RunningServer first = RunningServer.start(redis, dir, false)) {
      token = first.platformToken();
      assertThat(Files.getPosixFilePermissions(first.tokenFile()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    try (RunningServer second = RunningServer.start(redis, dir, false)) {
      assertThat(second.platformToken()).isEqualTo(token);
      assertThat(second.platformAdmin().get("/api/v1/tokens").items()).hasSize(1);
    }
    // A lost file gets a new token; the old one keeps working until revoked.
    Files.delete(dir.resolve("platform-admin.token"));
    try (RunningServer third = RunningServer.start(redis, dir, false)) {
      assertThat(third.platformToken()).isNotEqualTo(token);
      assertThat(third.as(token).get("/api/v1/tenants").status()).isEqualTo(200);
    }
  }

  @Test
  void tokensAreShownOnceStoredHashedAndRevocable() {
    try (RunningServer server = RunningServer.start(redis, dir, false)) {
      Api admin = server.platformAdmin();
      admin.post("/api/v1/tenants", Towns.tenant("riverton", "Riverton"));
      Api.Response issued =
          admin.post(
              "/api/v1/tokens",
              new JsonObject()
                  .put("name", "clerk's laptop")
                  .put("role", "tenant-admin")
                  .put("tenant", "riverton"));
      assertThat(issued.status()).isEqualTo(201);
      String secret = issued.json().getString("token");
      String id = issued.json().getString("id");
      assertThat(secret).startsWith("cl_");
      assertThat(admin.get("/api/v1/tokens/" + id).body()).doesNotContain(secret);
      assertThat(admin.get("/api/v1/audit").body()).doesNotContain(secret);
      assertThat(redisHolds(secret)).isFalse();
      assertThat(redisHolds("clerk's laptop")).isTrue(); // the scan does find stored text

      Api clerk = server.as(secret);
      assertThat(clerk.get("/api/v1/tenants/riverton").status()).isEqualTo(200);
      assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
      assertThat(clerk.get("/api/v1/tenants/riverton").status()).isEqualTo(401);

      Api.Response noTenant =
          admin.post(
              "/api/v1/tokens", new JsonObject().put("name", "x").put("role", "tenant-admin"));
      assertThat(noTenant.status()).isEqualTo(422);
      Api.Response unknownTenant =
          admin.post(
              "/api/v1/tokens",
              new JsonObject()
                  .put("name", "x")
                  .put("role", "tenant-admin")
                  .put("tenant", "atlantis"));
      assertThat(unknownTenant.status()).isEqualTo(422);
    }
  }

  @Test
  void secretsNeverReachTheLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      String token = server.platformToken();
      Api admin = server.platformAdmin();
      Api.Response issued =
          admin.post(
              "/api/v1/tokens",
              new JsonObject()
                  .put("name", "n")
                  .put("role", "tenant-admin")
                  .put("tenant", "lakeside"));
      admin.get("/api/v1/tenants/lakeside?token=" + "x");
      String secret = issued.json().getString("token");
      // The server's background jobs keep logging: stop capturing before looking.
      root.detachAppender(captured);
      List<ILoggingEvent> events;
      synchronized (captured) {
        events = List.copyOf(captured.list);
      }
      assertThat(events).isNotEmpty();
      assertThat(events)
          .allSatisfy(
              event -> {
                String text = event.getFormattedMessage() + " " + event.getKeyValuePairs();
                assertThat(text).doesNotContain(token).doesNotContain(secret);
              });
    } finally {
      root.detachAppender(captured);
    }
  }

  @Test
  void healthReflectsRedisAndMetricsArePrometheus() {
    try (RunningServer server = RunningServer.start(redis, dir, false)) {
      Api anonymous = server.as(null);
      assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
      assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
      anonymous.get("/api/v1/tenants");
      Api.Response metrics = anonymous.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("vertx_http_server_requests_total", "jvm_memory_used_bytes");

      redis.kill9();
      Api.Response down = anonymous.get("/health/ready");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().getJsonObject("checks").getString("redis")).isEqualTo("DOWN");
      assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
      redis.restart();
    }
  }

  private boolean redisHolds(String secret) {
    return !redis
        .command("EVAL \"return #redis.call('KEYS','*" + secret.substring(3, 12) + "*')\" 0")
        .equals(":0");
  }
}
