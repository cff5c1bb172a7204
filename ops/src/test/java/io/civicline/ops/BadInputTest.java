package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets a precise 4xx problem+json naming the field, and changes nothing:
 * neither the stored objects nor the audit log.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String T = "/api/v1/tenants/riverton";
  private static final int MAX_BODY = 4096;
  private RunningServer server;
  private Api admin;

  @BeforeAll
  void start(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, false, MAX_BODY);
    admin = server.platformAdmin();
    ok(admin.post("/api/v1/tenants", Towns.tenant("riverton", "Riverton")));
    ok(admin.post("/api/v1/tenants", Towns.tenant("elmwood", "Elmwood")));
    ok(admin.post(T + "/departments", Towns.department("clerk", "Clerk")));
    ok(admin.post(T + "/staff", Towns.staff("ann", "101", "clerk")));
    ok(admin.post(T + "/numbers", Towns.number("main", "+12075550100")));
    ok(admin.post("/api/v1/tenants/elmwood/numbers", Towns.number("main", "+12075550177")));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static void ok(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isBetween(200, 299);
  }

  /** A bad request: how to send it, the status expected, and the pointer it must name (or null). */
  record Case(String name, Function<Api, Api.Response> send, int status, String pointer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    JsonObject staff = Towns.staff("bob", "102", "clerk");
    return Stream.of(
            new Case(
                "malformed JSON",
                api -> api.postRaw(T + "/staff", "{\"name\": \"Bob\", ", "application/json"),
                400,
                null),
            new Case(
                "JSON that is not an object",
                api -> api.postRaw(T + "/staff", "[1,2]", "application/json"),
                400,
                null),
            new Case(
                "empty body", api -> api.postRaw(T + "/staff", "", "application/json"), 400, null),
            new Case(
                "not JSON at all",
                api -> api.postRaw(T + "/staff", "name=Bob", "application/x-www-form-urlencoded"),
                415,
                null),
            new Case(
                "unknown field",
                api -> api.post(T + "/staff", staff.copy().put("nickname", "Bobby")),
                422,
                "#/nickname"),
            new Case(
                "unknown nested field",
                api ->
                    api.post(
                        T + "/departments",
                        Towns.department("parks", "Parks")
                            .put(
                                "hours",
                                new JsonObject()
                                    .put(
                                        "monday",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put("open", "08:00")
                                                    .put("close", "12:00")
                                                    .put("lunch", true))))),
                422,
                "#/hours/monday/0/lunch"),
            new Case(
                "wrong type",
                api -> api.post(T + "/staff", staff.copy().put("extension", 102)),
                422,
                "#/extension"),
            new Case(
                "wrong type in a list",
                api -> api.post(T + "/staff", staff.copy().put("roles", new JsonArray().add(7))),
                422,
                "#/roles/0"),
            new Case(
                "bad E.164 number",
                api -> api.post(T + "/numbers", Towns.number("second", "(207) 555-0101")),
                422,
                "#/number"),
            new Case(
                "bad E.164 mobile",
                api -> api.post(T + "/staff", staff.copy().put("mobile", "+0123")),
                422,
                "#/mobile"),
            new Case(
                "unknown time zone",
                api ->
                    api.post(
                        "/api/v1/tenants",
                        Towns.tenant("oakdale", "Oakdale").put("timeZone", "America/Atlantis")),
                422,
                "#/timeZone"),
            new Case(
                "default language not offered",
                api ->
                    api.post(
                        "/api/v1/tenants",
                        Towns.tenant("oakdale", "Oakdale").put("defaultLanguage", "fr")),
                422,
                "#/defaultLanguage"),
            new Case(
                "reserved tenant id",
                api -> api.post("/api/v1/tenants", Towns.tenant("platform", "Platform")),
                422,
                "#/id"),
            new Case(
                "number owned by another tenant",
                api -> api.post(T + "/numbers", Towns.number("stolen", "+12075550177")),
                409,
                "#/number"),
            new Case(
                "number used twice in one tenant",
                api -> api.post(T + "/numbers", Towns.number("again", "+12075550100")),
                409,
                "#/number"),
            new Case(
                "duplicate extension",
                api -> api.post(T + "/staff", Towns.staff("bob", "101", "clerk")),
                409,
                "#/extension"),
            new Case(
                "reference to a missing department",
                api -> api.post(T + "/staff", Towns.staff("bob", "102", "nowhere")),
                422,
                "#/departmentIds/0"),
            new Case(
                "reference to a missing shared calendar",
                api ->
                    api.post(T + "/holiday-calendars", Towns.calendar("town", "shared:atlantis")),
                422,
                "#/parent"),
            new Case(
                "existing id",
                api -> api.post(T + "/departments", Towns.department("clerk", "Again")),
                409,
                null),
            new Case(
                "id changed in an update",
                api ->
                    api.put(T + "/departments/clerk", Towns.department("parks", "Clerk"), "\"1\""),
                422,
                "#/id"),
            new Case(
                "number changed in an update",
                api -> api.put(T + "/numbers/main", Towns.number("main", "+12075550155"), "\"1\""),
                422,
                "#/number"),
            new Case(
                "malformed If-Match",
                api ->
                    api.put(T + "/departments/clerk", Towns.department("clerk", "X"), "yesterday"),
                400,
                null),
            new Case(
                "oversized body",
                api ->
                    api.post(
                        T + "/departments",
                        Towns.department("big", "Big").put("description", "x".repeat(MAX_BODY))),
                413,
                null),
            new Case("bad limit", api -> api.get(T + "/departments?limit=abc"), 400, null),
            new Case("bad holiday date", api -> api.get(T + "/holidays/2026-02-30"), 400, null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsAPreciseProblemAndChangesNothing(Case bad) {
    String before = state();

    Api.Response response = bad.send().apply(admin);

    assertThat(response.status()).as(response.toString()).isEqualTo(bad.status());
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getInteger("status")).isEqualTo(bad.status());
    assertThat(problem.getString("type")).startsWith("urn:civicline:problem:");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    if (bad.pointer() != null) {
      assertThat(
              problem.getJsonArray("errors").stream()
                  .map(e -> ((JsonObject) e).getString("pointer")))
          .contains(bad.pointer());
    }
    assertThat(state()).isEqualTo(before);
  }

  /** Everything the two towns hold, their audit logs included. */
  private String state() {
    StringBuilder state = new StringBuilder(admin.get("/api/v1/tenants").body());
    for (String tenant : List.of("riverton", "elmwood")) {
      String base = "/api/v1/tenants/" + tenant;
      for (String collection : List.of("departments", "staff", "numbers", "holiday-calendars")) {
        state.append(admin.get(base + "/" + collection).body());
      }
      state.append(admin.get(base + "/audit?limit=200").body());
    }
    return state.toString();
  }
}
