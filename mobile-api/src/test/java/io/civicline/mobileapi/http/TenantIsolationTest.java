package io.civicline.mobileapi.http;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.mobileapi.auth.AccessTokens;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ann works for two towns with one email and a password for each. Nothing she holds for one town
 * opens anything of the other.
 */
@ExtendWith(RedisExtension.class)
class TenantIsolationTest {
  static final String EMAIL = "ann@towns.example";
  static final String LAKESIDE_PASSWORD = "lakeside-pass-11";
  static final String RIVERTON_PASSWORD = "riverton-pass-22";
  static final String TOWN_ROUTE = StaffAuthRoutes.BASE + "/tenants/:tenant/ping";

  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;

  TenantIsolationTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server =
        StaffApiServer.start(
            redis,
            (api, router) ->
                router
                    .get(TOWN_ROUTE)
                    .handler(api.bearerAuth())
                    .handler(TenantGuard.onTenantParameter())
                    .handler(ctx -> ctx.response().end("pong " + ctx.pathParam("tenant"))));
    http = server.http;
    server.addStaff("lakeside", "ann", EMAIL, List.of("agent"));
    server.addStaff("riverton", "ann", EMAIL, List.of("admin"));
    server.setPassword("lakeside", "ann", LAKESIDE_PASSWORD);
    server.setPassword("riverton", "ann", RIVERTON_PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject signIn(String tenant, String password) {
    return http.post(
            StaffAuthRoutes.SIGN_IN,
            new JsonObject().put("tenant", tenant).put("email", EMAIL).put("password", password))
        .json();
  }

  @Test
  void theSameEmailSignsIntoEachTownWithThatTownsPassword() {
    Http.Response crossed =
        http.post(
            StaffAuthRoutes.SIGN_IN,
            new JsonObject()
                .put("tenant", "lakeside")
                .put("email", EMAIL)
                .put("password", RIVERTON_PASSWORD));
    assertThat(crossed.status()).isEqualTo(401);

    JsonObject lakeside = signIn("lakeside", LAKESIDE_PASSWORD);
    JsonObject riverton = signIn("riverton", RIVERTON_PASSWORD);
    assertThat(lakeside.getJsonArray("roles")).containsExactly("agent");
    assertThat(riverton.getJsonArray("roles")).containsExactly("admin");

    JsonObject me = http.get(StaffAuthRoutes.ME, lakeside.getString("accessToken")).json();
    assertThat(me.getString("tenant")).isEqualTo("lakeside");
    assertThat(me.getString("name")).isEqualTo("Ann lakeside");
  }

  @Test
  void changingMyPasswordInOneTownLeavesTheOtherTownAlone() {
    JsonObject lakeside = signIn("lakeside", LAKESIDE_PASSWORD);
    JsonObject riverton = signIn("riverton", RIVERTON_PASSWORD);
    String fresh = "copper-lantern-17-birch";

    Http.Response crossed =
        http.put(
            StaffAuthRoutes.MY_PASSWORD,
            new JsonObject().put("currentPassword", RIVERTON_PASSWORD).put("newPassword", fresh),
            lakeside.getString("accessToken"));
    assertThat(crossed.status()).as("the other town's password is not mine here").isEqualTo(422);
    Http.Response changed =
        http.put(
            StaffAuthRoutes.MY_PASSWORD,
            new JsonObject().put("currentPassword", LAKESIDE_PASSWORD).put("newPassword", fresh),
            lakeside.getString("accessToken"));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

    assertThat(http.get(StaffAuthRoutes.ME, riverton.getString("accessToken")).status())
        .as("Riverton's session goes on")
        .isEqualTo(200);
    assertThat(signIn("riverton", RIVERTON_PASSWORD).getString("accessToken")).isNotNull();
    assertThat(signIn("lakeside", fresh).getString("accessToken")).isNotNull();
    assertThat(
            http.post(
                    StaffAuthRoutes.SIGN_IN,
                    new JsonObject()
                        .put("tenant", "lakeside")
                        .put("email", EMAIL)
                        .put("password", LAKESIDE_PASSWORD))
                .status())
        .isEqualTo(401);
  }

  @Test
  void aTokenOfOneTownIsRefusedOnTheOthersResources() {
    String lakeside = signIn("lakeside", LAKESIDE_PASSWORD).getString("accessToken");

    assertThat(http.get("/api/v1/staff/tenants/lakeside/ping", lakeside).body())
        .isEqualTo("pong lakeside");
    Http.Response other = http.get("/api/v1/staff/tenants/riverton/ping", lakeside);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.header("Content-Type")).contains("application/problem+json");
    // exactly as for a town that does not exist
    Http.Response none = http.get("/api/v1/staff/tenants/nowhere/ping", lakeside);
    assertThat(none.json().copy().put("instance", "-"))
        .isEqualTo(other.json().copy().put("instance", "-"));
  }

  @Test
  void aSessionBelongsToItsTownEvenUnderAGenuineSignature() {
    JsonObject lakeside = signIn("lakeside", LAKESIDE_PASSWORD);
    String sessionId =
        server
            .api
            .bearerAuth()
            .authenticate(lakeside.getString("accessToken"))
            .toCompletionStage()
            .toCompletableFuture()
            .join()
            .sessionId();

    // Even with the signing key (a bug elsewhere, a leaked key), lakeside's session is not
    // riverton's: the session is looked up in the named town only.
    String moved =
        new AccessTokens(server.settings)
            .issue(
                new StaffPrincipal("riverton", "ann", List.of("admin"), sessionId),
                server.clock.instant())
            .token();
    assertThat(http.get(StaffAuthRoutes.ME, moved).status()).isEqualTo(401);

    String refresh = lakeside.getString("refreshToken");
    String movedRefresh = "riverton" + refresh.substring("lakeside".length());
    assertThat(
            http.post(StaffAuthRoutes.REFRESH, new JsonObject().put("refreshToken", movedRefresh))
                .status())
        .isEqualTo(401);
  }

  @Test
  void revokingInOneTownLeavesTheOtherAlone() {
    JsonObject lakeside = signIn("lakeside", LAKESIDE_PASSWORD);
    JsonObject riverton = signIn("riverton", RIVERTON_PASSWORD);

    assertThat(await(server.api.passwords().revokeAllSessions("riverton", "ann"))).isEqualTo(1);

    assertThat(http.get(StaffAuthRoutes.ME, riverton.getString("accessToken")).status())
        .isEqualTo(401);
    assertThat(http.get(StaffAuthRoutes.ME, lakeside.getString("accessToken")).status())
        .isEqualTo(200);
  }

  @Test
  void callsAndRingPreferencesStayInTheirTown() {
    server.addStaff("riverton", "bea", "bea@towns.example", List.of("agent"), List.of("clerk"));
    String lakeside = signIn("lakeside", LAKESIDE_PASSWORD).getString("accessToken");
    String riverton = signIn("riverton", RIVERTON_PASSWORD).getString("accessToken");

    JsonObject app = new JsonObject().put("ringOn", "app");
    assertThat(http.put(StaffCallRoutes.RING_PREFERENCE, app, lakeside).status()).isEqualTo(200);
    assertThat(http.get(StaffCallRoutes.RING_PREFERENCE, riverton).json().getString("ringOn"))
        .isEqualTo("both");

    // riverton's clerk department is not lakeside Ann's, whatever the name
    JsonObject call = new JsonObject().put("to", "+12075550123").put("department", "clerk");
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, lakeside).status()).isEqualTo(403);
    assertThat(server.calls.placed()).isEmpty();
    assertThat(http.post(StaffCallRoutes.VOICE_TOKEN, null, lakeside).json().getString("token"))
        .isEqualTo("voice-token-for-lakeside-ann");
  }

  @Test
  void anotherTownsInboxItemsAudioAndAttachmentsDoNotExist() {
    server.addStaff("lakeside", "pw", "pw@towns.example", List.of("agent"), List.of("roads"));
    server.setPassword("lakeside", "pw", LAKESIDE_PASSWORD);
    String lakeside =
        http.post(
                StaffAuthRoutes.SIGN_IN,
                new JsonObject()
                    .put("tenant", "lakeside")
                    .put("email", "pw@towns.example")
                    .put("password", LAKESIDE_PASSWORD))
            .json()
            .getString("accessToken");
    java.time.Instant at = server.clock.instant();
    // Riverton has a department of the same name, with a voicemail and a thread with a photo.
    server.voicemail.add("riverton", "vm-r", "roads", "+12075550100", "flood", at);
    server.voicemail.audio("riverton", "vm-r", new byte[] {1});
    String thread = server.texts.inbound("riverton", "roads", "+12075550101", "photo");
    server.threads.add("riverton", thread, "roads", "+12075550101", "photo", at);
    server.texts.attach(
        "riverton",
        thread,
        "ME1",
        new io.civicline.mobileapi.texts.TextAttachments.Attachment("image/png", new byte[] {2}));

    assertThat(
            http.get("/api/v1/staff/inbox?department=roads&status=all", lakeside)
                .json()
                .getJsonArray("items"))
        .isEmpty();
    String items = "/api/v1/staff/inbox/items/";
    assertThat(http.get(items + "voicemail/vm-r", lakeside).status()).isEqualTo(404);
    assertThat(http.get(items + "text-thread/" + thread, lakeside).status()).isEqualTo(404);
    assertThat(
            http.patch(items + "voicemail/vm-r", new JsonObject().put("note", "x"), null, lakeside)
                .status())
        .isEqualTo(404);
    assertThat(http.get(items + "voicemail/vm-r/audio", lakeside).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/staff/texts/threads/" + thread + "/media/ME1", lakeside).status())
        .isEqualTo(404);
    assertThat(server.voicemail.item("riverton", "vm-r").note()).isEmpty();
    assertThat(server.voicemail.plays).isEmpty();
  }

  @Test
  void lockoutInOneTownLeavesTheOtherAlone() {
    for (int i = 0; i < 6; i++) {
      http.post(
          StaffAuthRoutes.SIGN_IN,
          new JsonObject()
              .put("tenant", "riverton")
              .put("email", EMAIL)
              .put("password", "nope" + i));
    }
    assertThat(signIn("lakeside", LAKESIDE_PASSWORD).getString("accessToken")).isNotNull();
  }

  @Test
  void callsAndColleaguesOfTheOtherTownNeverShow() {
    server.addStaff("riverton", "bob", "bob@riverton.example", List.of("agent"), List.of("clerk"));
    server.callHistory.add(
        "riverton",
        server.clock.instant(),
        List.of("ann"),
        List.of("clerk"),
        java.util.Optional.empty());
    String lakeside = signIn("lakeside", LAKESIDE_PASSWORD).getString("accessToken");
    String riverton = signIn("riverton", RIVERTON_PASSWORD).getString("accessToken");

    assertThat(http.get(StaffCallHistoryRoutes.CALLS, lakeside).json().getJsonArray("items"))
        .isEmpty();
    assertThat(http.get(StaffCallHistoryRoutes.CALLS, riverton).json().getJsonArray("items"))
        .hasSize(1);
    // Ann is in no department of lakeside: nobody of riverton's clerk's office shows there.
    assertThat(http.get(StaffColleaguesRoutes.COLLEAGUES, lakeside).json().getJsonArray("items"))
        .isEmpty();
  }
}
