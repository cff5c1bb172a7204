package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every object the API acknowledged is still there after Redis is killed with -9. */
@ExtendWith(RedisExtension.class)
class DurabilityTest {
  private static final String T = "/api/v1/tenants/riverton";

  @Test
  void acknowledgedObjectsSurviveKillMinusNine(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    try (RunningServer server = RunningServer.start(redis, dir, false)) {
      Api admin = server.platformAdmin();
      Map<String, JsonObject> acknowledged = new LinkedHashMap<>();
      acknowledge(
          acknowledged,
          admin.post("/api/v1/tenants", Towns.tenant("riverton", "Riverton")),
          "/api/v1/tenants/riverton");
      acknowledge(
          acknowledged,
          admin.post(T + "/holiday-calendars", Towns.calendar("town", "shared:us-federal")),
          T + "/holiday-calendars/town");
      for (int i = 0; i < 20; i++) {
        String id = "dept-" + i;
        acknowledge(
            acknowledged,
            admin.post(T + "/departments", Towns.department(id, "Dept " + i)),
            T + "/departments/" + id);
        acknowledge(
            acknowledged,
            admin.post(T + "/staff", Towns.staff("s-" + i, String.valueOf(100 + i), id)),
            T + "/staff/s-" + i);
      }
      acknowledge(
          acknowledged,
          admin.post(T + "/numbers", Towns.number("main", "+12075550100")),
          T + "/numbers/main");
      Api.Response updated =
          admin.put(T + "/departments/dept-0", Towns.department("dept-0", "Renamed"), "\"1\"");
      acknowledge(acknowledged, updated, T + "/departments/dept-0");

      redis.kill9();
      redis.restart();

      awaitReady(admin);
      acknowledged.forEach(
          (path, expected) -> {
            Api.Response read = admin.get(path);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.json()).as(path).isEqualTo(expected);
          });
      // The platform-wide claim on the number survived too: another town cannot take it.
      admin.post("/api/v1/tenants", Towns.tenant("elmwood", "Elmwood"));
      assertThat(
              admin
                  .post("/api/v1/tenants/elmwood/numbers", Towns.number("main", "+12075550100"))
                  .status())
          .isEqualTo(409);
    }
  }

  private static void acknowledge(
      Map<String, JsonObject> acknowledged, Api.Response response, String path) {
    assertThat(response.status()).as(response.toString()).isIn(200, 201);
    acknowledged.put(path, response.json());
  }

  /** The client reconnects after the restart; the first request may still meet a dead socket. */
  private static void awaitReady(Api admin) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        if (admin.get("/health/ready").status() == 200
            && admin.get("/api/v1/tenants").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // retry
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("server did not recover after the Redis restart");
  }
}
