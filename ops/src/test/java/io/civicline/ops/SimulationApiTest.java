package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
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

/** Simulated calls through the seeded Lakeside flows, against the town as it is. */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationApiTest {
  private static final String T = "/api/v1/tenants/lakeside";
  private static final String MAIN = T + "/flows/lakeside-main/simulate";

  /** A Tuesday, 10:00 in Lakeside: the Clerk is open. */
  private static final String OPEN = "2026-12-01T15:00:00Z";

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

  private JsonObject simulate(JsonObject request) {
    Api.Response trace = admin.post(MAIN, request);
    assertThat(trace.status()).as(trace.toString()).isEqualTo(200);
    return trace.json();
  }

  private static JsonObject call(String at, String... inputs) {
    return new JsonObject()
        .put("at", at)
        .put("from", "+12075550123")
        .put("inputs", new JsonArray(List.of((Object[]) inputs)));
  }

  private static List<String> heard(JsonObject trace) {
    return trace.getJsonArray("steps").stream()
        .flatMap(s -> ((JsonObject) s).getJsonArray("hears").stream())
        .map(h -> ((JsonObject) h).getString("text"))
        .toList();
  }

  private static List<String> rung(JsonObject trace) {
    return trace.getJsonArray("steps").stream()
        .flatMap(s -> ((JsonObject) s).getJsonArray("rings").stream())
        .map(r -> ((JsonObject) r).getString("staffId"))
        .distinct()
        .toList();
  }

  @Test
  void christmasMorningPressingTwoReachesTheHolidayPathInSpanish() {
    JsonObject trace = simulate(call("2026-12-25T15:00:00Z", "2"));

    assertThat(trace.getJsonArray("path").getList())
        .startsWith("welcome", "office-hours", "holiday-message", "after-hours-menu");
    assertThat(trace.getString("language")).isEqualTo("es");
    assertThat(heard(trace))
        .contains(
            "El ayuntamiento está cerrado hoy por el día festivo. Felices fiestas de parte del"
                + " municipio de Lakeside.");
    JsonObject second = trace.getJsonArray("steps").getJsonObject(1);
    assertThat(second.getString("answer")).isEqualTo("presses 2");
    assertThat(second.getJsonArray("hears").getJsonObject(0).getString("language")).isEqualTo("es");
    assertThat(trace.getString("outcome")).isEqualTo("message");
    assertThat(trace.getString("to")).isEqualTo("+12695550100");
  }

  @Test
  void anActiveClosureSaysItsMessageAndHangsUp() {
    Instant now = Instant.now();
    JsonObject closure =
        new JsonObject()
            .put("id", "burst-pipe")
            .put("department", "clerk")
            .put(
                "message",
                new JsonObject()
                    .put("en", "Township Hall is closed because of a burst pipe.")
                    .put("es", "El ayuntamiento está cerrado por una tubería rota."))
            .put("startsAt", now.minus(1, ChronoUnit.MINUTES).toString())
            .put("endsAt", now.plus(2, ChronoUnit.HOURS).toString());
    assertThat(admin.post(T + "/closures", closure).status()).isEqualTo(201);
    try {
      JsonObject trace = simulate(new JsonObject().put("inputs", new JsonArray().add("1")));
      assertThat(trace.getJsonArray("path").getList())
          .containsExactly("welcome", "office-hours", "goodbye");
      assertThat(heard(trace))
          .contains(
              "Township Hall is closed because of a burst pipe.",
              "Thank you for calling Lakeside Township. Goodbye.");
      assertThat(trace.getString("outcome")).isEqualTo("message");
      // the closure lapses at its end: a call after it goes by the hours again
      JsonObject later = simulate(call(now.plus(3, ChronoUnit.HOURS).toString(), "1"));
      assertThat(later.getJsonArray("path").getString(2)).isNotEqualTo("goodbye");
      assertThat(heard(later)).doesNotContain("Township Hall is closed because of a burst pipe.");
    } finally {
      assertThat(admin.delete(T + "/closures/burst-pipe").status()).isEqualTo(204);
    }
  }

  @Test
  void presenceDecidesWhoRings() {
    assertThat(rung(simulate(call(OPEN, "1", "1"))))
        .containsExactly("maria-gonzalez", "tom-becker");

    Api.Response busy =
        admin.put(T + "/presence/maria-gonzalez", new JsonObject().put("status", "busy"), null);
    assertThat(busy.status()).as(busy.toString()).isEqualTo(200);
    try {
      assertThat(rung(simulate(call(OPEN, "1", "1")))).containsExactly("tom-becker");

      // the request may assume presence for a what-if, without changing anything
      JsonObject nobody =
          simulate(
              call(OPEN, "1", "1").put("presence", new JsonObject().put("tom-becker", "away")));
      assertThat(rung(nobody)).isEmpty();
      assertThat(nobody.getJsonArray("path").getList()).contains("voicemail-clerk");
      assertThat(nobody.getString("outcome")).isEqualTo("voicemail");
      assertThat(admin.get(T + "/presence/tom-becker").json().getString("status"))
          .isEqualTo("available");
    } finally {
      admin.put(T + "/presence/maria-gonzalez", new JsonObject().put("status", "available"), null);
    }
  }

  @Test
  void theMenuReachesQueuesSubflowsAndTexts() {
    JsonObject queue = simulate(call(OPEN, "1", "2", "1"));
    assertThat(queue.getJsonArray("path").getList()).contains("treasurer-queue");
    assertThat(queue.getString("outcome")).isEqualTo("callback-requested");

    JsonObject works = simulate(call(OPEN, "1", "4", "answer"));
    assertThat(works.getString("flowId")).isEqualTo("lakeside-public-works");
    assertThat(works.getString("outcome")).isEqualTo("answered");

    JsonObject sms = simulate(call(OPEN, "1", "8", "hangup"));
    assertThat(sms.getJsonArray("path").getList()).contains("forms-link", "main-menu");
    assertThat(sms.encode()).contains("\"type\":\"sms\"", "https://lakeside.example/forms");
  }

  @Test
  void aVersionCanBeSimulatedBeforeItIsPublished() {
    Api.Response current = admin.get(T + "/flows/lakeside-public-works");
    JsonObject document = current.json().getJsonObject("document").copy();
    document.getJsonObject("nodes").getJsonObject("ring-crew").put("department", "clerk");
    Api.Response saved =
        admin.put(
            T + "/flows/lakeside-public-works",
            new JsonObject().put("document", document),
            current.etag());
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    String works = T + "/flows/lakeside-public-works/simulate";
    JsonObject draft = admin.post(works, call(OPEN).put("version", 2)).json();
    assertThat(draft.getInteger("flowVersion")).isEqualTo(2);
    assertThat(rung(draft)).containsExactlyInAnyOrder("maria-gonzalez", "tom-becker");
    JsonObject live = admin.post(works, call(OPEN)).json();
    assertThat(live.getInteger("flowVersion")).isEqualTo(1);
    assertThat(rung(live)).containsExactlyInAnyOrder("jim-oconnor", "carla-jensen");
  }

  @Test
  void badInputsArePointedAt() {
    Api.Response bad =
        admin.post(
            MAIN,
            new JsonObject()
                .put("at", "Christmas")
                .put("inputs", new JsonArray().add("2").add("press two").add(7))
                .put("presence", new JsonObject().put("maria-gonzalez", "asleep"))
                .put("version", 99));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(
            bad.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("pointer")))
        .contains("#/at", "#/inputs/1", "#/inputs/2", "#/presence/maria-gonzalez");
    Api.Response unknownVersion = admin.post(MAIN, new JsonObject().put("version", 99));
    assertThat(unknownVersion.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/version");
    Api.Response unknownStaff =
        admin.post(MAIN, new JsonObject().put("presence", new JsonObject().put("nobody", "busy")));
    assertThat(unknownStaff.status()).isEqualTo(422);
    assertThat(unknownStaff.body()).contains("#/presence/nobody");
  }
}
