package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The directory's life cycle through the API: create, read, list, update, delete, audit. */
@ExtendWith(RedisExtension.class)
class DirectoryApiTest {
  private static final String T = "/api/v1/tenants/riverton";
  @TempDir Path dir;
  private RunningServer server;
  private Api admin;

  @BeforeEach
  void start(RedisServer redis) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, false);
    admin = server.platformAdmin();
    assertThat(admin.post("/api/v1/tenants", Towns.tenant("riverton", "Riverton")).status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createsReadsListsUpdatesAndDeletes() {
    Api.Response created = admin.post(T + "/departments", Towns.department("clerk", "Clerk"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).contains(T + "/departments/clerk");
    assertThat(created.etag()).isEqualTo("\"1\"");

    Api.Response read = admin.get(T + "/departments/clerk");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getString("name")).isEqualTo("Clerk");
    assertThat(read.json().getJsonObject("hours").getJsonArray("monday")).hasSize(1);

    JsonObject renamed = read.json().put("name", "Town Clerk");
    Api.Response updated = admin.put(T + "/departments/clerk", renamed, read.etag());
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.etag()).isEqualTo("\"2\"");
    assertThat(admin.get(T + "/departments").items())
        .extracting(o -> ((JsonObject) o).getString("name"))
        .containsExactly("Town Clerk");

    assertThat(admin.delete(T + "/departments/clerk").status()).isEqualTo(204);
    assertThat(admin.get(T + "/departments/clerk").status()).isEqualTo(404);
  }

  @Test
  void generatesAnIdWhenNoneIsGiven() {
    JsonObject body = Towns.department("x", "Parks");
    body.remove("id");
    Api.Response created = admin.post(T + "/departments", body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().getString("id")).startsWith("dep-");
  }

  @Test
  void updatesNeedTheCurrentEtag() {
    admin.post(T + "/departments", Towns.department("clerk", "Clerk"));
    JsonObject body = Towns.department("clerk", "Changed");

    Api.Response withoutEtag = admin.put(T + "/departments/clerk", body, null);
    assertThat(withoutEtag.status()).isEqualTo(428);
    assertThat(withoutEtag.contentType()).isEqualTo("application/problem+json");

    assertThat(admin.put(T + "/departments/clerk", body, "\"1\"").status()).isEqualTo(200);
    Api.Response stale = admin.put(T + "/departments/clerk", body.put("name", "Lost"), "\"1\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getString("detail")).contains("version 2");
    assertThat(admin.get(T + "/departments/clerk").json().getString("name")).isEqualTo("Changed");

    assertThat(admin.delete(T + "/departments/clerk", "\"1\"").status()).isEqualTo(412);
    assertThat(admin.delete(T + "/departments/clerk", "\"2\"").status()).isEqualTo(204);
  }

  @Test
  void refusesToDeleteWhatIsStillReferredTo() {
    admin.post(T + "/departments", Towns.department("clerk", "Clerk"));
    admin.post(T + "/staff", Towns.staff("ann", "101", "clerk"));

    Api.Response refused = admin.delete(T + "/departments/clerk");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("detail")).contains("staff/ann");
    assertThat(admin.get(T + "/departments/clerk").status()).isEqualTo(200);

    Api.Response tenantDelete = admin.delete(T);
    assertThat(tenantDelete.status()).isEqualTo(409);
    assertThat(tenantDelete.json().getString("detail")).contains("departments=1", "staff=1");

    assertThat(admin.delete(T + "/staff/ann").status()).isEqualTo(204);
    assertThat(admin.delete(T + "/departments/clerk").status()).isEqualTo(204);
    assertThat(admin.delete(T).status()).isEqualTo(204);
    assertThat(admin.get(T).status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/tenants").items()).isEmpty();
  }

  @Test
  void sharedCalendarsCannotBeDeletedWhileATownInheritsThem() {
    assertThat(
            admin
                .post(T + "/holiday-calendars", Towns.calendar("town", "shared:us-federal"))
                .status())
        .isEqualTo(201);
    Api.Response refused = admin.delete("/api/v1/holiday-calendars/us-federal");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("detail")).contains("riverton/holiday-calendars/town");

    assertThat(admin.delete(T + "/holiday-calendars/town").status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/holiday-calendars/us-federal").status()).isEqualTo(204);
  }

  @Test
  void calendarParentsCannotLoop() {
    admin.post(T + "/holiday-calendars", Towns.calendar("a", null));
    admin.post(T + "/holiday-calendars", Towns.calendar("b", "a"));
    Api.Response a = admin.get(T + "/holiday-calendars/a");

    Api.Response loop = admin.put(T + "/holiday-calendars/a", Towns.calendar("a", "b"), a.etag());
    assertThat(loop.status()).isEqualTo(422);
    assertThat(loop.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/parent");
    assertThat(loop.json().getString("detail")).contains("a -> b -> a");
  }

  @Test
  void auditsEveryChangeWithWhoWhatBeforeAndAfter() {
    admin.post(T + "/departments", Towns.department("clerk", "Clerk"));
    admin.put(T + "/departments/clerk", Towns.department("clerk", "Town Clerk"), "\"1\"");

    Api.Response audit = admin.get(T + "/audit");
    assertThat(audit.status()).isEqualTo(200);
    JsonObject update = audit.items().getJsonObject(0);
    assertThat(update.getString("action")).isEqualTo("update");
    assertThat(update.getString("resource")).isEqualTo("departments/clerk");
    assertThat(update.getJsonObject("actor").getString("name"))
        .isEqualTo("platform admin (bootstrap)");
    assertThat(update.getJsonObject("before").getString("name")).isEqualTo("Clerk");
    assertThat(update.getJsonObject("after").getString("name")).isEqualTo("Town Clerk");
    assertThat(audit.items().getJsonObject(1).getString("action")).isEqualTo("create");
    assertThat(audit.items().getJsonObject(2).getString("resource")).isEqualTo("tenant/riverton");
  }

  @Test
  void pagesThroughLongLists() {
    for (int i = 10; i < 25; i++) {
      admin.post(T + "/departments", Towns.department("d" + i, "Dept " + i));
    }
    Api.Response first = admin.get(T + "/departments?limit=10");
    assertThat(first.items()).hasSize(10);
    String next = first.json().getString("next");
    Api.Response second = admin.get(T + "/departments?limit=10&cursor=" + next);
    assertThat(second.items()).hasSize(5);
    assertThat(second.json().getValue("next")).isNull();
    assertThat(admin.get(T + "/departments?limit=0").status()).isEqualTo(400);
    assertThat(
            admin
                .get(T + "/departments?limit=0")
                .json()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("parameter"))
        .isEqualTo("limit");
  }
}
