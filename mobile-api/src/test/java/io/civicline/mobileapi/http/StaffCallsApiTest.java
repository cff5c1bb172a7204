package io.civicline.mobileapi.http;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.presence.OnCalls;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Maria and Tom work in the clerk's office, Jim in public works. What each sees of the town's calls
 * and of their colleagues.
 */
@ExtendWith(RedisExtension.class)
class StaffCallsApiTest {
  static final String CALLS = StaffCallHistoryRoutes.CALLS;
  static final Instant MORNING = Instant.parse("2026-03-02T14:00:00Z");

  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;
  private String maria;
  private String jim;

  StaffCallsApiTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    http = server.http;
    maria = member("maria", List.of("clerk"));
    member("tom", List.of("clerk", "treasurer"));
    jim = member("jim", List.of("public-works"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String member(String id, List<String> departments) {
    String email = id + "@lakeside.example";
    server.addStaff("lakeside", id, email, List.of("agent"), departments);
    server.setPassword("lakeside", id, StaffAuthApiTest.PASSWORD);
    return http.post(
            StaffAuthRoutes.SIGN_IN,
            StaffAuthApiTest.credentials("lakeside", email, StaffAuthApiTest.PASSWORD))
        .json()
        .getString("accessToken");
  }

  private String call(int minute, List<String> rung, List<String> departments, String answered) {
    return server.callHistory.add(
        "lakeside",
        MORNING.plusSeconds(60L * minute),
        rung,
        departments,
        Optional.ofNullable(answered));
  }

  private List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getJsonArray("items").forEach(c -> ids.add(((JsonObject) c).getString("id")));
    return ids;
  }

  private JsonObject get(String query, String token) {
    Http.Response response = http.get(CALLS + query, token);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void myCallsAreThoseThatRangMeNewestFirstWithTheMissedOnesFlagged() {
    String answeredByMe = call(1, List.of("maria", "tom"), List.of("clerk"), "maria");
    String answeredByTom = call(2, List.of("maria", "tom"), List.of("clerk"), "tom");
    String nobody = call(3, List.of("maria", "tom"), List.of("clerk"), null);
    call(4, List.of("jim"), List.of("public-works"), null);

    JsonObject mine = get("", maria);
    assertThat(ids(mine)).containsExactly(nobody, answeredByTom, answeredByMe);
    assertThat(mine.getJsonArray("items").getJsonObject(0).getBoolean("missed")).isTrue();
    JsonObject elsewhere = mine.getJsonArray("items").getJsonObject(1);
    assertThat(elsewhere.getBoolean("missed")).isFalse();
    assertThat(elsewhere.getString("answeredBy")).isEqualTo("tom");
    assertThat(elsewhere.containsKey("path")).isFalse(); // the flow's inner workings stay admin's
    assertThat(ids(get("?scope=me&missed=true", maria))).containsExactly(nobody);
  }

  @Test
  void pagesFollowTheCursorToTheEnd() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.addFirst(call(i, List.of("maria"), List.of("clerk"), null));
    }
    List<String> seen = new ArrayList<>();
    String query = "?limit=2";
    while (true) {
      JsonObject page = get(query, maria);
      seen.addAll(ids(page));
      if (page.getValue("next") == null) {
        break;
      }
      query = "?limit=2&cursor=" + page.getString("next");
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void departmentCallsAreOnlyThoseOfMyDepartments() {
    String clerk = call(1, List.of(), List.of("clerk"), null);
    String treasurer = call(2, List.of("tom"), List.of("treasurer"), "tom");
    String works = call(3, List.of("jim"), List.of("public-works"), null);
    String tom = member("tom2", List.of("clerk", "treasurer"));

    assertThat(ids(get("?scope=departments", maria))).containsExactly(clerk);
    assertThat(ids(get("?scope=departments", tom))).containsExactly(treasurer, clerk);
    assertThat(ids(get("?scope=departments&missed=true", tom))).containsExactly(clerk);
    assertThat(ids(get("?scope=departments&department=treasurer", tom))).containsExactly(treasurer);
    assertThat(ids(get("?scope=departments", jim))).containsExactly(works);

    Http.Response notMine = http.get(CALLS + "?scope=departments&department=public-works", maria);
    assertThat(notMine.status()).isEqualTo(403);
    assertThat(notMine.header("Content-Type")).contains("application/problem+json");
  }

  @Test
  void badParametersAreRefusedWithAProblem() {
    for (String query :
        List.of(
            "?scope=everyone",
            "?missed=yes",
            "?limit=0",
            "?limit=101",
            "?cursor=%7Bx%7D",
            "?department=clerk")) {
      Http.Response refused = http.get(CALLS + query, maria);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.header("Content-Type")).contains("application/problem+json");
    }
    assertThat(http.get(CALLS, null).status()).isEqualTo(401);
  }

  @Test
  void colleaguesAreEveryoneOfMyDepartmentsWithTheirPresenceAndCalls() {
    DocumentStore store = server.store;
    await(
        store.create(
            new DocumentStore.Write(
                "lakeside",
                PresenceStatus.COLLECTION,
                "tom",
                new PresenceStatus("tom", PresenceStatus.Status.AVAILABLE, MORNING).toJson(),
                List.of(),
                List.of(),
                Actor.SYSTEM)));
    OnCalls onCalls = new OnCalls(server.bed.redis(), server.clock);
    await(onCalls.started("lakeside", "tom", "CA9"));

    Http.Response response = http.get(StaffColleaguesRoutes.COLLEAGUES, maria);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonArray items = response.json().getJsonArray("items");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("staffId")))
        .containsExactlyInAnyOrder("maria", "tom");
    JsonObject tom =
        items.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("staffId").equals("tom"))
            .findFirst()
            .orElseThrow();
    assertThat(tom.getString("status")).isEqualTo("available");
    assertThat(tom.getBoolean("onCall")).isTrue();
    assertThat(tom.getJsonArray("departments")).containsExactly("clerk", "treasurer");
    assertThat(tom.getString("name")).isEqualTo("Ann lakeside");

    JsonObject jims = http.get(StaffColleaguesRoutes.COLLEAGUES, jim).json();
    assertThat(jims.getJsonArray("items")).hasSize(1); // only himself in public works

    String toms = member("tom3", List.of());
    assertThat(http.get(StaffColleaguesRoutes.COLLEAGUES, toms).json().getJsonArray("items"))
        .isEmpty();

    // Tom's own presence says so too, until the call ends.
    String tomsToken =
        http.post(
                StaffAuthRoutes.SIGN_IN,
                StaffAuthApiTest.credentials(
                    "lakeside", "tom@lakeside.example", StaffAuthApiTest.PASSWORD))
            .json()
            .getString("accessToken");
    assertThat(http.get(StaffPresenceRoutes.PRESENCE, tomsToken).json().getBoolean("onCall"))
        .isTrue();
    await(onCalls.ended("lakeside", "tom", "CA9"));
    assertThat(http.get(StaffPresenceRoutes.PRESENCE, tomsToken).json().getBoolean("onCall"))
        .isFalse();
  }

  @Test
  void aStatusWhoseUntilHasPassedReadsAsAvailableSinceThen() {
    String until = server.clock.instant().plus(java.time.Duration.ofMinutes(30)).toString();
    Http.Response set =
        http.put(
            StaffPresenceRoutes.PRESENCE,
            new JsonObject().put("status", "do-not-disturb").put("until", until),
            maria);
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(http.get(StaffPresenceRoutes.PRESENCE, maria).json().getString("status"))
        .isEqualTo("do-not-disturb");

    server.clock.advance(java.time.Duration.ofMinutes(31));
    String later =
        http.post(
                StaffAuthRoutes.SIGN_IN,
                StaffAuthApiTest.credentials(
                    "lakeside", "maria@lakeside.example", StaffAuthApiTest.PASSWORD))
            .json()
            .getString("accessToken");
    JsonObject mine = http.get(StaffPresenceRoutes.PRESENCE, later).json();
    assertThat(mine.getString("status")).isEqualTo("available");
    assertThat(mine.getString("since")).isEqualTo(until);
    assertThat(mine.containsKey("until")).isFalse();
    JsonObject seen =
        http.get(StaffColleaguesRoutes.COLLEAGUES, later).json().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("staffId").equals("maria"))
            .findFirst()
            .orElseThrow();
    assertThat(seen.getString("status")).isEqualTo("available");
  }
}
