package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.Greetings;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.ops.support.Voicemails;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two towns on one deployment. A tenant admin of Alpha must get 404 for every object of Beta on
 * every route, whether named through Beta's path or smuggled under Alpha's, and no list may show
 * Beta's data.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
  private static final String ALPHA = "/api/v1/tenants/alpha";
  private static final String BETA = "/api/v1/tenants/beta";
  private static final String ALPHA_MESSAGE = VoicemailIngest.messageId("test:alpha-1");
  private static final String BETA_MESSAGE = VoicemailIngest.messageId("test:beta-1");
  private RunningServer server;
  private Api platform;
  private Api alphaAdmin;
  private String betaSnapshot;

  @BeforeAll
  void start(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, false);
    platform = server.platformAdmin();
    populate("alpha", "a-", "+12075550101");
    populate("beta", "b-", "+12075550202");
    try (Voicemails voicemails = Voicemails.open(redis, dir)) {
      java.time.Instant at = java.time.Instant.now();
      voicemails.leave("alpha", "department:a-clerk", "test:alpha-1", 2, at);
      voicemails.leave("beta", "department:b-clerk", "test:beta-1", 2, at);
    }
    alphaAdmin = server.tenantAdmin("alpha");
    betaSnapshot = snapshot(platform, BETA);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private void populate(String tenant, String prefix, String number) {
    String base = "/api/v1/tenants/" + tenant;
    expect201(platform.post("/api/v1/tenants", Towns.tenant(tenant, tenant.toUpperCase())));
    expect201(
        platform.post(
            base + "/holiday-calendars", Towns.calendar(prefix + "cal", "shared:us-federal")));
    expect201(platform.post(base + "/departments", Towns.department(prefix + "clerk", "Clerk")));
    expect201(platform.post(base + "/staff", Towns.staff(prefix + "ann", "101", prefix + "clerk")));
    expect201(platform.post(base + "/numbers", Towns.number(prefix + "main", number)));
    expect201(platform.post(base + "/closures", closure(prefix + "storm")));
    expect201(platform.post(base + "/mailboxes", mailbox(prefix)));
    expect200(
        platform.put(
            base + "/mailboxes/department-" + prefix + "clerk/pin",
            new JsonObject().put("pin", "492817"),
            null));
    expect200(
        platform.putBytes(
            base + "/mailboxes/department-" + prefix + "clerk/greetings/en",
            Greetings.small(),
            "audio/wav",
            null));
    expect201(platform.post(base + "/flows", flow(prefix + "line")));
    expect200(
        platform.post(base + "/flows/" + prefix + "line/versions/1/publish", new JsonObject()));
    expect200(
        platform.put(
            base + "/presence/" + prefix + "ann",
            new JsonObject().put("status", "available"),
            null));
    Cdrs.put(
        server,
        tenant,
        Cdrs.record(prefix + "call", number, number, java.time.Instant.now(), "answered"));
  }

  private static JsonObject closure(String id) {
    return new JsonObject()
        .put("id", id)
        .put("message", new JsonObject().put("en", "Closed.").put("es", "Cerrado."))
        .put("endsAt", java.time.Instant.now().plusSeconds(86_400).toString());
  }

  private static JsonObject mailbox(String prefix) {
    return new JsonObject()
        .put("id", "department-" + prefix + "clerk")
        .put("name", "Clerk's voicemail")
        .put("notify", new JsonArray().add(prefix + "ann"));
  }

  private static JsonObject flow(String id) {
    JsonObject bye =
        new JsonObject()
            .put("kind", "hangup")
            .put("prompt", new JsonObject().put("en", "Bye.").put("es", "Adiós."));
    return new JsonObject()
        .put("id", id)
        .put(
            "document",
            new JsonObject()
                .put("name", "Line " + id)
                .put("start", "bye")
                .put("nodes", new JsonObject().put("bye", bye)));
  }

  private static void expect200(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static void expect201(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  /** Every tenant-scoped route, aimed at Beta's objects: method, path, body. */
  static Stream<Object[]> routesIntoBeta() {
    List<Object[]> routes = new ArrayList<>();
    routes.add(route("GET", BETA, null));
    routes.add(route("PUT", BETA, Towns.tenant("beta", "Taken over")));
    routes.add(route("DELETE", BETA, null));
    collections("b-")
        .forEach(
            c -> {
              String list = BETA + "/" + c.collection;
              String one = list + "/" + c.id;
              routes.add(route("GET", list, null));
              routes.add(route("POST", list, c.body.copy().put("id", "intruder")));
              routes.add(route("GET", one, null));
              routes.add(route("PUT", one, c.body));
              routes.add(route("DELETE", one, null));
            });
    routes.add(route("GET", BETA + "/holidays", null));
    routes.add(route("GET", BETA + "/holidays/2026-11-26", null));
    routes.add(route("GET", BETA + "/departments/b-clerk/holidays", null));
    routes.add(route("GET", BETA + "/departments/b-clerk/holidays/2026-11-26", null));
    routes.add(route("GET", BETA + "/audit", null));
    JsonObject available = new JsonObject().put("status", "busy");
    routes.add(route("GET", BETA + "/presence", null));
    routes.add(route("GET", BETA + "/presence/b-ann", null));
    routes.add(route("PUT", BETA + "/presence/b-ann", available));
    JsonObject password = new JsonObject().put("password", "river-bank-7-ferry");
    routes.add(route("PUT", BETA + "/staff/b-ann/password", password));
    routes.add(route("DELETE", BETA + "/staff/b-ann/password", null));
    routes.add(route("POST", BETA + "/staff/b-ann/sessions/revoke", new JsonObject()));
    routes.add(route("GET", BETA + "/sms-rules", null));
    routes.add(
        route("PUT", BETA + "/sms-rules", new JsonObject().put("defaultDepartment", "b-clerk")));
    routes.addAll(flowRoutes(BETA));
    routes.add(route("GET", BETA + "/calls", null));
    routes.add(route("GET", BETA + "/calls/b-call", null));
    routes.add(route("GET", BETA + "/queues/b-clerk/callbacks", null));
    routes.add(route("POST", BETA + "/queues/b-clerk/callbacks/next", new JsonObject()));
    routes.add(route("GET", BETA + "/mailboxes/waiting", null));
    routes.add(route("GET", BETA + "/mailboxes/department-b-clerk/export", null));
    routes.addAll(voicemailRoutes(BETA, "department-b-clerk", BETA_MESSAGE));
    return routes.stream();
  }

  /** Every flow route, aimed at Beta's flow under {@code base}. */
  private static List<Object[]> flowRoutes(String base) {
    String flows = base + "/flows";
    String one = flows + "/b-line";
    JsonObject document = flow("b-line").getJsonObject("document");
    List<Object[]> routes = new ArrayList<>();
    if (base.equals(BETA)) {
      routes.add(route("GET", flows, null));
      routes.add(route("POST", flows, flow("intruder")));
    }
    routes.add(route("GET", one, null));
    routes.add(route("PUT", one, new JsonObject().put("document", document)));
    routes.add(route("DELETE", one, null));
    routes.add(route("GET", one + "/versions", null));
    routes.add(route("GET", one + "/versions/1", null));
    routes.add(route("POST", one + "/versions/1/publish", new JsonObject()));
    routes.add(route("GET", one + "/versions/1/graph", null));
    routes.add(route("POST", one + "/simulate", new JsonObject()));
    return routes;
  }

  /** Every route of one mailbox's PIN and messages. */
  private static List<Object[]> voicemailRoutes(String base, String mailbox, String message) {
    String one = base + "/mailboxes/" + mailbox;
    List<Object[]> routes = new ArrayList<>();
    routes.add(route("PUT", one + "/pin", new JsonObject().put("pin", "583920")));
    routes.add(route("GET", one + "/messages", null));
    routes.add(route("PUT", one + "/greetings/en", new JsonObject()));
    routes.add(route("GET", one + "/greetings/en", null));
    routes.add(route("DELETE", one + "/greetings/en", null));
    routes.addAll(messageRoutes(base, mailbox, message));
    return routes;
  }

  /** Every route of one message. */
  private static List<Object[]> messageRoutes(String base, String mailbox, String message) {
    String m = base + "/mailboxes/" + mailbox + "/messages/" + message;
    List<Object[]> routes = new ArrayList<>();
    routes.add(route("GET", m, null));
    routes.add(route("GET", m + "/audio", null));
    routes.add(route("POST", m + "/heard", new JsonObject()));
    routes.add(route("POST", m + "/assign", new JsonObject().put("staffId", "a-ann")));
    routes.add(route("POST", m + "/handled", new JsonObject().put("note", "x")));
    routes.add(
        route("POST", m + "/forward", new JsonObject().put("mailbox", "department:a-clerk")));
    routes.add(route("POST", m + "/hold", new JsonObject()));
    routes.add(route("DELETE", m + "/hold", null));
    return routes;
  }

  /** Beta's object ids under Alpha's own path: they must not resolve there either. */
  static Stream<Object[]> betaIdsUnderAlpha() {
    List<Object[]> routes = new ArrayList<>();
    collections("b-")
        .forEach(
            c -> {
              String one = ALPHA + "/" + c.collection + "/" + c.id;
              routes.add(route("GET", one, null));
              routes.add(route("PUT", one, c.body));
              routes.add(route("DELETE", one, null));
            });
    routes.add(route("GET", ALPHA + "/departments/b-clerk/holidays/2026-11-26", null));
    routes.add(route("GET", ALPHA + "/presence/b-ann", null));
    // Beta's staff member under Alpha's own path
    routes.add(
        route(
            "PUT",
            ALPHA + "/staff/b-ann/password",
            new JsonObject().put("password", "river-bank-7-ferry")));
    routes.add(route("POST", ALPHA + "/staff/b-ann/sessions/revoke", new JsonObject()));
    routes.addAll(flowRoutes(ALPHA));
    routes.add(route("GET", ALPHA + "/calls/b-call", null));
    // Beta's mailbox under Alpha, and Beta's message under Alpha's own mailbox
    routes.addAll(voicemailRoutes(ALPHA, "department-b-clerk", BETA_MESSAGE));
    routes.addAll(messageRoutes(ALPHA, "department-a-clerk", BETA_MESSAGE));
    return routes.stream();
  }

  private record Collection(String collection, String id, JsonObject body) {}

  private static List<Collection> collections(String prefix) {
    return List.of(
        new Collection("departments", prefix + "clerk", Towns.department(prefix + "clerk", "X")),
        new Collection(
            "staff", prefix + "ann", Towns.staff(prefix + "ann", "199", prefix + "clerk")),
        new Collection("numbers", prefix + "main", Towns.number(prefix + "main", "+12075550999")),
        new Collection("holiday-calendars", prefix + "cal", Towns.calendar(prefix + "cal", null)),
        new Collection("closures", prefix + "storm", closure(prefix + "storm")),
        new Collection("mailboxes", "department-" + prefix + "clerk", mailbox(prefix)));
  }

  private static Object[] route(String method, String path, JsonObject body) {
    return new Object[] {method, path, body};
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routesIntoBeta")
  void alphaAdminGets404ForEveryRouteIntoBeta(String method, String path, JsonObject body) {
    Api.Response response = alphaAdmin.call(method, path, body, "\"1\"");
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body()).doesNotContain("Staff b-ann", "+12075550202");
    assertThat(snapshot(platform, BETA)).isEqualTo(betaSnapshot);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("betaIdsUnderAlpha")
  void betaObjectsDoNotExistUnderAlpha(String method, String path, JsonObject body) {
    Api.Response response = alphaAdmin.call(method, path, body, "\"1\"");
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(snapshot(platform, BETA)).isEqualTo(betaSnapshot);
  }

  /** Setting presence names staff that must exist: Beta's staff is as unknown as made-up staff. */
  @Test
  void betaStaffCannotBeGivenPresenceUnderAlpha() {
    JsonObject busy = new JsonObject().put("status", "busy");
    Api.Response beta = alphaAdmin.put(ALPHA + "/presence/b-ann", busy, null);
    Api.Response madeUp = alphaAdmin.put(ALPHA + "/presence/b-nobody", busy, null);
    assertThat(beta.status()).isEqualTo(422).isEqualTo(madeUp.status());
    assertThat(beta.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/staffId");
    assertThat(snapshot(platform, BETA)).isEqualTo(betaSnapshot);
  }

  @Test
  void listsNeverLeak() {
    assertThat(alphaAdmin.get("/api/v1/tenants").items())
        .extracting(o -> ((JsonObject) o).getString("id"))
        .containsExactly("alpha");
    for (String collection :
        List.of(
            "departments",
            "staff",
            "numbers",
            "holiday-calendars",
            "closures",
            "presence",
            "flows",
            "calls",
            "mailboxes",
            "mailboxes/waiting",
            "mailboxes/department-a-clerk/messages")) {
      Api.Response list = alphaAdmin.get(ALPHA + "/" + collection);
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.items()).isNotEmpty();
      assertThat(list.body()).doesNotContain("b-", "beta", "+12075550202");
    }
    Api.Response audit = alphaAdmin.get(ALPHA + "/audit?limit=200");
    assertThat(audit.items()).isNotEmpty();
    assertThat(audit.body()).doesNotContain("b-clerk", "b-ann", "+12075550202");
  }

  @Test
  void platformRoutesAreForbiddenToTenantAdmins() {
    assertThat(alphaAdmin.post("/api/v1/tenants", Towns.tenant("gamma", "Gamma")).status())
        .isEqualTo(403);
    assertThat(alphaAdmin.get("/api/v1/tokens").status()).isEqualTo(403);
    assertThat(alphaAdmin.get("/api/v1/audit").status()).isEqualTo(403);
    assertThat(alphaAdmin.delete(ALPHA).status()).isEqualTo(403);
    assertThat(alphaAdmin.post("/api/v1/holiday-calendars", Towns.calendar("mine", null)).status())
        .isEqualTo(403);
    // Shared calendars are readable by every town: they hold no town's data.
    assertThat(alphaAdmin.get("/api/v1/holiday-calendars/us-federal").status()).isEqualTo(200);
  }

  @Test
  void alphaHearsItsOwnVoicemailButNeverBetas() {
    String own = ALPHA + "/mailboxes/department-a-clerk/messages/" + ALPHA_MESSAGE;
    assertThat(alphaAdmin.get(own).status()).isEqualTo(200);
    assertThat(alphaAdmin.getBytes(own + "/audio").status()).isEqualTo(200);
    Api.Bytes smuggled =
        alphaAdmin.getBytes(
            ALPHA + "/mailboxes/department-a-clerk/messages/" + BETA_MESSAGE + "/audio");
    assertThat(smuggled.status()).isEqualTo(404);
    assertThat(smuggled.text()).doesNotContain("RIFF", "b-clerk");
    assertThat(snapshot(platform, BETA)).isEqualTo(betaSnapshot);
  }

  @Test
  void aTenantAdminWorksWithinItsOwnTenant() {
    assertThat(alphaAdmin.get(ALPHA + "/departments/a-clerk").status()).isEqualTo(200);
    Api.Response created =
        alphaAdmin.post(ALPHA + "/departments", Towns.department("a-parks", "Parks"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(alphaAdmin.delete(ALPHA + "/departments/a-parks").status()).isEqualTo(204);
  }

  @Test
  void withoutAValidTokenNothingIsServed() {
    Api anonymous = server.as(null);
    Api forged = server.as("cl_forged");
    for (Api client : List.of(anonymous, forged)) {
      Api.Response response = client.get(BETA + "/staff");
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(response.body()).doesNotContain("b-ann");
    }
  }

  /** Beta's whole state as its platform admin sees it. */
  private static String snapshot(Api platform, String base) {
    StringBuilder state = new StringBuilder(platform.get(base).body());
    for (String collection :
        List.of(
            "departments",
            "staff",
            "numbers",
            "holiday-calendars",
            "closures",
            "presence",
            "flows",
            "flows/b-line",
            "flows/b-line/versions",
            "calls",
            "mailboxes",
            "mailboxes/waiting",
            "mailboxes/department-b-clerk/messages")) {
      state.append(platform.get(base + "/" + collection).body());
    }
    return state.append(changes(platform.get(base + "/audit?limit=200").json())).toString();
  }

  /**
   * The audit log without the entries that record reads (listing, reading, playing, exporting
   * voicemail): this snapshot itself reads, and reads are not changes.
   */
  private static String changes(JsonObject audit) {
    List<String> reads = List.of("list", "read", "play", "export");
    return audit.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(entry -> !reads.contains(entry.getString("action")))
        .map(JsonObject::encode)
        .collect(java.util.stream.Collectors.joining("\n"));
  }
}
