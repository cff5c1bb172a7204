package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Closures through the generic collection routes, and presence as an upsert per staff member. */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosuresAndPresenceTest {
  private static final String T = "/api/v1/tenants/lakeside";
  private RunningServer server;
  private Api admin;

  @BeforeAll
  void start(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, true);
    admin = server.tenantAdmin("lakeside");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static JsonObject closure(String id, String department, Instant ends) {
    JsonObject body =
        new JsonObject()
            .put("id", id)
            .put("message", new JsonObject().put("en", "Closed.").put("es", "Cerrado."))
            .put("endsAt", ends.toString());
    return department == null ? body : body.put("department", department);
  }

  private List<String> auditOf(String resource) {
    return admin.get(T + "/audit?limit=200").items().stream()
        .map(JsonObject.class::cast)
        .filter(e -> e.getString("resource").equals(resource))
        .map(e -> e.getString("action"))
        .toList();
  }

  private static List<String> pointers(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    return response.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("pointer"))
        .toList();
  }

  @Test
  void closuresCrudIsAudited() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    Api.Response created = admin.post(T + "/closures", closure("snow-day", "clerk", tomorrow));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getString("startsAt")).isNotBlank();

    Api.Response read = admin.get(T + "/closures/snow-day");
    assertThat(read.json().getString("department")).isEqualTo("clerk");
    JsonObject townWide = read.json().copy();
    townWide.remove("department");
    Api.Response replaced = admin.put(T + "/closures/snow-day", townWide, read.etag());
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().containsKey("department")).isFalse();
    assertThat(admin.get(T + "/closures").items()).hasSize(1);
    assertThat(admin.delete(T + "/closures/snow-day", replaced.etag()).status()).isEqualTo(204);
    assertThat(admin.get(T + "/closures/snow-day").status()).isEqualTo(404);

    assertThat(auditOf("closures/snow-day"))
        .containsExactlyInAnyOrder("create", "update", "delete");
  }

  @Test
  void closuresAreCheckedAndNothingIsStoredOnError() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    assertThat(pointers(admin.post(T + "/closures", closure("c1", "nowhere", tomorrow))))
        .containsExactly("#/department");
    assertThat(
            pointers(
                admin.post(
                    T + "/closures",
                    closure("c2", null, Instant.now().minus(1, ChronoUnit.HOURS)))))
        .containsExactly("#/endsAt");
    assertThat(
            pointers(
                admin.post(
                    T + "/closures",
                    closure("c3", null, tomorrow)
                        .put("startsAt", tomorrow.plusSeconds(60).toString()))))
        .containsExactly("#/endsAt");
    assertThat(pointers(admin.post(T + "/closures", new JsonObject().put("id", "c4"))))
        .contains("#/message", "#/endsAt");
    assertThat(admin.get(T + "/closures").items()).isEmpty();
    assertThat(auditOf("closures/c1")).isEmpty();
  }

  @Test
  void presenceIsAnUpsertThatMovesSinceOnlyOnChange() {
    String linh = T + "/presence/linh-nguyen";
    JsonObject offline = admin.get(linh).json();
    assertThat(offline.getString("status")).isEqualTo("offline");
    assertThat(offline.getValue("since")).isNull();

    Api.Response available = admin.put(linh, new JsonObject().put("status", "available"), null);
    assertThat(available.status()).as(available.toString()).isEqualTo(200);
    String since = available.json().getString("since");
    assertThat(since).isNotNull();

    Api.Response again = admin.put(linh, available.json(), null);
    assertThat(again.json().getString("since")).isEqualTo(since);
    Api.Response away = admin.put(linh, new JsonObject().put("status", "away"), null);
    assertThat(away.json().getString("status")).isEqualTo("away");
    assertThat(Instant.parse(away.json().getString("since")))
        .isAfterOrEqualTo(Instant.parse(since));
    assertThat(auditOf("presence/linh-nguyen")).containsExactlyInAnyOrder("create", "update");

    assertThat(admin.get(T + "/presence?limit=200").items())
        .contains(
            new JsonObject()
                .put("staffId", "maria-gonzalez")
                .put("status", "available")
                .put("since", admin.get(T + "/presence/maria-gonzalez").json().getString("since")))
        .hasSize(12);
  }

  @Test
  void presenceRefusesUnknownStaffAndBadStatus() {
    assertThat(
            pointers(
                admin.put(T + "/presence/nobody", new JsonObject().put("status", "busy"), null)))
        .containsExactly("#/staffId");
    assertThat(admin.get(T + "/presence/nobody").status()).isEqualTo(404);
    assertThat(
            pointers(
                admin.put(
                    T + "/presence/tom-becker",
                    new JsonObject().put("status", "asleep").put("mood", "happy"),
                    null)))
        .containsExactlyInAnyOrder("#/status", "#/mood");
    assertThat(admin.get(T + "/presence/tom-becker").json().getString("status"))
        .isEqualTo("available");
  }

  @Test
  void deletingAStaffMemberDropsTheirPresence() {
    assertThat(admin.post(T + "/staff", Towns.staff("temp-worker", "777", "parks")).status())
        .isEqualTo(201);
    admin.put(T + "/presence/temp-worker", new JsonObject().put("status", "available"), null);
    Api.Response deleted = admin.delete(T + "/staff/temp-worker");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(admin.get(T + "/presence/temp-worker").status()).isEqualTo(404);
    assertThat(auditOf("presence/temp-worker")).containsExactlyInAnyOrder("create", "delete");
  }
}
