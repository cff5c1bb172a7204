package io.civicline.mobileapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.mobileapi.calls.OutboundCalls;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls from the app: ring preference (stored, refused without a mobile), click-to-call (members of
 * the department only, the phone chosen from the preference, channel refusals as problems) and the
 * voice token.
 */
@ExtendWith(RedisExtension.class)
class StaffCallRoutesTest {
  private static final String PASSWORD = StaffAuthApiTest.PASSWORD;

  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;
  private String jim;
  private String ann;

  StaffCallRoutesTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    http = server.http;
    server.addStaff(
        "lakeside",
        "jim",
        "jim@lakeside.example",
        List.of("agent"),
        List.of("public-works"),
        Optional.of("+12075550111"));
    server.addStaff("lakeside", "ann", "ann@lakeside.example", List.of("agent"), List.of("clerk"));
    server.setPassword("lakeside", "jim", PASSWORD);
    server.setPassword("lakeside", "ann", PASSWORD);
    jim = token("jim@lakeside.example");
    ann = token("ann@lakeside.example");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String email) {
    return http.post(
            StaffAuthRoutes.SIGN_IN, StaffAuthApiTest.credentials("lakeside", email, PASSWORD))
        .json()
        .getString("accessToken");
  }

  @Test
  void ringPreferenceIsKeptAndNeedsAMobileForMobile() {
    String path = StaffCallRoutes.RING_PREFERENCE;
    assertThat(http.get(path, jim).json())
        .isEqualTo(
            new JsonObject()
                .put("staffId", "jim")
                .put("ringOn", "both")
                .put("mobile", "+12075550111"));
    assertThat(http.put(path, new JsonObject().put("ringOn", "mobile"), jim).status())
        .isEqualTo(200);
    assertThat(http.get(path, jim).json().getString("ringOn")).isEqualTo("mobile");
    assertThat(http.put(path, new JsonObject().put("ringOn", "app"), jim).status()).isEqualTo(200);
    assertThat(http.get(path, jim).json().getString("ringOn")).isEqualTo("app");

    Http.Response noMobile = http.put(path, new JsonObject().put("ringOn", "both"), ann);
    assertThat(noMobile.status()).isEqualTo(422);
    assertThat(noMobile.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/ringOn");
    assertThat(http.get(path, ann).json().getString("ringOn")).isEqualTo("both");
    Http.Response bad = http.put(path, new JsonObject().put("ringOn", "pager"), jim);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(http.get(path, jim).json().getString("ringOn")).isEqualTo("app");
  }

  @Test
  void clickToCallRingsTheMembersChosenPhoneForTheirDepartment() {
    JsonObject call = new JsonObject().put("to", "+12075550999").put("department", "public-works");
    Http.Response placed = http.post(StaffCallRoutes.OUTBOUND, call, jim);
    assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
    assertThat(placed.json().getString("via")).isEqualTo("app");
    assertThat(placed.json().getString("callerId")).isEqualTo("+12075550100");

    http.put(StaffCallRoutes.RING_PREFERENCE, new JsonObject().put("ringOn", "mobile"), jim);
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, jim).json().getString("via"))
        .isEqualTo("mobile");
    assertThat(
            http.post(StaffCallRoutes.OUTBOUND, call.copy().put("via", "app"), jim)
                .json()
                .getString("via"))
        .isEqualTo("app");

    List<OutboundCalls.OutboundCall> asked = server.calls.placed();
    assertThat(asked).hasSize(3);
    assertThat(asked.get(0).tenant()).isEqualTo("lakeside");
    assertThat(asked.get(0).caller().id()).isEqualTo("jim");
    assertThat(asked.get(0).to()).isEqualTo("+12075550999");
    assertThat(asked.get(0).department()).isEqualTo("public-works");
    assertThat(asked.stream().map(OutboundCalls.OutboundCall::via))
        .containsExactly(OutboundCalls.Via.APP, OutboundCalls.Via.MOBILE, OutboundCalls.Via.APP);
  }

  @Test
  void clickToCallRefusals() {
    JsonObject call = new JsonObject().put("to", "+12075550999").put("department", "public-works");
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, ann).status()).isEqualTo(403);
    Http.Response badNumber =
        http.post(StaffCallRoutes.OUTBOUND, call.copy().put("to", "911"), jim);
    assertThat(badNumber.status()).isEqualTo(422);
    assertThat(badNumber.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/to");
    Http.Response noMobile =
        http.post(
            StaffCallRoutes.OUTBOUND,
            new JsonObject()
                .put("to", "+12075550999")
                .put("department", "clerk")
                .put("via", "mobile"),
            ann);
    assertThat(noMobile.status()).isEqualTo(422);
    server.calls.refuseNext(new OutboundCalls.NotPossible("no number to show"));
    Http.Response refused = http.post(StaffCallRoutes.OUTBOUND, call, jim);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("detail")).isEqualTo("no number to show");
    server.calls.refuseNext(new OutboundCalls.Unavailable("the town's Asterisk is down"));
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, jim).status()).isEqualTo(503);
    assertThat(server.calls.placed()).isEmpty();
  }

  @Test
  void aMemberPlacesAtMostTheHoursLimitThenWaitsForTheNextHour() {
    JsonObject call = new JsonObject().put("to", "+12075550999").put("department", "public-works");
    for (int i = 0; i < StaffApiServer.CALLS_PER_HOUR; i++) {
      assertThat(http.post(StaffCallRoutes.OUTBOUND, call, jim).status()).isEqualTo(202);
    }
    Http.Response refused = http.post(StaffCallRoutes.OUTBOUND, call, jim);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).contains("3600"); // the test clock is on the hour
    assertThat(server.calls.placed()).hasSize(StaffApiServer.CALLS_PER_HOUR);
    // Kim's hour is her own
    server.addStaff(
        "lakeside",
        "kim",
        "kim@lakeside.example",
        List.of("agent"),
        List.of("public-works"),
        Optional.empty());
    server.setPassword("lakeside", "kim", PASSWORD);
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, token("kim@lakeside.example")).status())
        .isEqualTo(202);

    server.clock.advance(java.time.Duration.ofHours(1));
    String later = token("jim@lakeside.example"); // access tokens last 15 minutes
    assertThat(http.post(StaffCallRoutes.OUTBOUND, call, later).status()).isEqualTo(202);
  }

  @Test
  void aNumberTheTownRefusesCostsNoneOfTheHoursCalls() {
    server.calls.bar("+1900");
    JsonObject premium =
        new JsonObject().put("to", "+19005550100").put("department", "public-works");
    for (int i = 0; i < StaffApiServer.CALLS_PER_HOUR + 2; i++) {
      Http.Response refused = http.post(StaffCallRoutes.OUTBOUND, premium, jim);
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("#/to");
    }
    JsonObject resident =
        new JsonObject().put("to", "+12075550999").put("department", "public-works");
    for (int i = 0; i < StaffApiServer.CALLS_PER_HOUR; i++) {
      assertThat(http.post(StaffCallRoutes.OUTBOUND, resident, jim).status()).isEqualTo(202);
    }
    assertThat(server.calls.placed()).hasSize(StaffApiServer.CALLS_PER_HOUR);
  }

  @Test
  void voiceTokenIsForTheSignedInMember() {
    Http.Response token = http.post(StaffCallRoutes.VOICE_TOKEN, null, jim);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().getString("identity")).isEqualTo("jim");
    assertThat(token.json().getString("token")).isEqualTo("voice-token-for-lakeside-jim");
    assertThat(token.header("Cache-Control")).contains("no-store");
    server.calls.voiceConfigured(false);
    Http.Response off = http.post(StaffCallRoutes.VOICE_TOKEN, null, jim);
    assertThat(off.status()).isEqualTo(503);
    assertThat(off.json().getString("type")).endsWith("voice-unavailable");
    assertThat(http.post(StaffCallRoutes.VOICE_TOKEN, null, null).status()).isEqualTo(401);
  }
}
