package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.twilio.CallTranscript;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls from the staff app against the real server and the Twilio stand-in: where incoming calls
 * ring a member (their ring preference), click-to-call (their phone first, then the resident, who
 * sees the department's number) and the in-app voice token.
 */
@ExtendWith(RedisExtension.class)
class StaffCallsEndToEndTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String PASSWORD = "ledger-harbor-42-maple";

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private RunningServer server;
  private Api admin;

  StaffCallsEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
    server =
        RunningServer.withTwilio(
            redis,
            dir,
            new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING),
            twilio,
            TwilioVoiceEndToEndTest.SID,
            TwilioVoiceEndToEndTest.TOKEN);
    admin = server.platformAdmin();
  }

  @AfterEach
  void stop() {
    server.close();
    twilio.close();
  }

  /** The app of a seeded staff member, signed in. */
  private Api app(String staffId) {
    return server.staffApp("lakeside", staffId, PASSWORD);
  }

  private CallTranscript callTheClerk() {
    return twilio.call(
        server.voiceUrl(),
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        CallerScript.pressing("1", "1").defaultDialOutcome(CallerScript.Outcome.NO_ANSWER));
  }

  private static List<String> dialled(CallTranscript call) {
    return call.lines().stream().filter(line -> line.startsWith("dial ")).toList();
  }

  @Test
  void aMembersRingPreferenceDecidesWhichOfTheirPhonesACallRings() {
    assertThat(dialled(callTheClerk()))
        .contains(
            "dial client:maria-gonzalez -> no-answer",
            "dial +12695550111 -> no-answer",
            "dial client:tom-becker -> no-answer",
            "dial +12695550112 -> no-answer");

    Api tom = app("tom-becker");
    Api maria = app("maria-gonzalez");
    assertThat(
            tom.put("/api/v1/staff/ring-preference", new JsonObject().put("ringOn", "mobile"), null)
                .status())
        .isEqualTo(200);
    assertThat(
            maria
                .put("/api/v1/staff/ring-preference", new JsonObject().put("ringOn", "app"), null)
                .status())
        .isEqualTo(200);

    List<String> rung = dialled(callTheClerk());
    assertThat(rung)
        .contains("dial client:maria-gonzalez -> no-answer", "dial +12695550112 -> no-answer")
        .doesNotContain("dial +12695550111 -> no-answer", "dial client:tom-becker -> no-answer");

    // deleting a member takes their preference along (nothing left referring to them)
    assertThat(admin.delete(L + "/staff/tom-becker").status()).isEqualTo(204);
  }

  @Test
  void clickToCallRingsTheMemberFirstThenTheResidentSeesTheDepartmentsNumber() {
    Api jim = app("jim-oconnor");
    twilio.answer("client:jim-oconnor", CallerScript.caller());
    Api.Response placed =
        jim.post(
            "/api/v1/staff/calls/outbound",
            new JsonObject().put("to", "+12075550177").put("department", "public-works"));
    assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    JsonObject call = placed.json();
    assertThat(call.getString("channel")).isEqualTo("twilio");
    assertThat(call.getString("callerId")).isEqualTo("+12695550199");
    assertThat(call.getString("via")).isEqualTo("app");

    CallTranscript leg = twilio.awaitCall(call.getString("id"), Duration.ofSeconds(10));
    assertThat(leg.to()).isEqualTo("client:jim-oconnor");
    assertThat(leg.from()).isEqualTo("+12695550199");
    assertThat(dialled(leg)).first().isEqualTo("dial +12075550177 -> completed");
    CallTranscript.Webhook connect = leg.webhooks().get(0);
    assertThat(connect.path()).isEqualTo("/twilio/voice/lakeside/click-to-call");
    assertThat(connect.status()).isEqualTo(200);
    assertThat(connect.body()).contains("<Dial action=").contains("callerId=\"+12695550199\"");

    // Jim's recent calls and Public Works' show it, answered by Jim, not missed.
    JsonObject recent = jim.get("/api/v1/staff/calls?scope=me").json();
    JsonObject record = recent.getJsonArray("items").getJsonObject(0);
    assertThat(record.getString("id")).isEqualTo(call.getString("id"));
    assertThat(record.getString("to")).isEqualTo("+12075550177");
    assertThat(record.getString("from")).isEqualTo("+12695550199");
    assertThat(record.getString("answeredBy")).isEqualTo("jim-oconnor");
    assertThat(record.getBoolean("missed")).isFalse();
    assertThat(java.time.Instant.parse(record.getString("answeredAt")))
        .isAfterOrEqualTo(java.time.Instant.parse(record.getString("startedAt")))
        .isBeforeOrEqualTo(java.time.Instant.parse(record.getString("endedAt")));
    assertThat(
            jim.get("/api/v1/staff/calls?scope=departments&department=public-works")
                .json()
                .getJsonArray("items"))
        .hasSize(1);

    // The clerk's office has no number of its own: the town's main number shows.
    Api maria = app("maria-gonzalez");
    Api.Response clerk =
        maria.post(
            "/api/v1/staff/calls/outbound",
            new JsonObject()
                .put("to", "+12075550178")
                .put("department", "clerk")
                .put("via", "mobile"));
    assertThat(clerk.status()).as(clerk.body()).isEqualTo(202);
    assertThat(clerk.json().getString("callerId")).isEqualTo(TwilioVoiceEndToEndTest.MAIN);
    CallTranscript mobile = twilio.awaitCall(clerk.json().getString("id"), Duration.ofSeconds(10));
    assertThat(mobile.to()).isEqualTo("+12695550111");

    // Not her department: refused, nothing placed.
    int before = twilio.requests().size();
    assertThat(
            maria
                .post(
                    "/api/v1/staff/calls/outbound",
                    new JsonObject().put("to", "+12075550179").put("department", "public-works"))
                .status())
        .isEqualTo(403);
    assertThat(twilio.requests()).hasSize(before);
  }

  @Test
  void theTownDecidesWhereStaffMayCallFromTheApp() {
    Api jim = app("jim-oconnor");
    twilio.answer("client:jim-oconnor", CallerScript.caller());
    int before = twilio.requests().size();

    // without a policy of its own a US town calls the US and Canada, not 900 numbers or abroad
    assertThat(refusalOf(dial(jim, "+19005550100"))).contains("+1900");
    assertThat(refusalOf(dial(jim, "+442075550100"))).contains("starting +1 only");
    assertThat(refusalOf(dial(jim, "+18765550100"))).contains("+1876");
    assertThat(twilio.requests()).as("nothing placed").hasSize(before);

    // a wrong policy is refused field by field, and nothing changes
    Api.Response town = admin.get(L);
    JsonObject wrong =
        town.json()
            .copy()
            .put(
                "outboundDialing",
                new JsonObject().put("allow", List.of("+1", "44")).put("deny", List.of("+1")));
    Api.Response refused = admin.put(L, wrong, town.etag());
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/outboundDialing/allow/1");
    assertThat(admin.get(L).etag()).isEqualTo(town.etag());

    // the town allows the UK but keeps premium-rate numbers barred
    JsonObject policy =
        new JsonObject().put("allow", List.of("+1", "+44")).put("deny", List.of("+1900"));
    Api.Response saved =
        admin.put(L, town.json().copy().put("outboundDialing", policy), town.etag());
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(admin.get(L).json().getJsonObject("outboundDialing")).isEqualTo(policy);

    Api.Response abroad = dial(jim, "+442075550100");
    assertThat(abroad.status()).as(abroad.body()).isEqualTo(202);
    assertThat(twilio.awaitCall(abroad.json().getString("id"), Duration.ofSeconds(10)).to())
        .isEqualTo("client:jim-oconnor");
    assertThat(refusalOf(dial(jim, "+19005550100"))).contains("+1900");
    // the Caribbean is within +1 now that the town lists its own prefixes
    assertThat(dial(jim, "+18765550100").status()).isEqualTo(202);
  }

  /** Click-to-call from the app on behalf of Public Works. */
  private static Api.Response dial(Api app, String to) {
    return app.post(
        "/api/v1/staff/calls/outbound",
        new JsonObject().put("to", to).put("department", "public-works"));
  }

  /** The reason a click-to-call was refused at {@code #/to}. */
  private static String refusalOf(Api.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("pointer")).isEqualTo("#/to");
    return error.getString("detail");
  }

  @Test
  void theSecondLegCannotBeRedirectedByEditingTheSignedUrl() {
    String signed =
        "http://127.0.0.1:"
            + server.port()
            + "/twilio/voice/lakeside/click-to-call?to=%2B12075550177&callerId=%2B12695550199";
    Map<String, String> params =
        Map.of("CallSid", "CA" + "1".repeat(32), "CallStatus", "in-progress");
    String signature =
        io.civicline.testkit.twilio.TwilioSignature.sign(
            TwilioVoiceEndToEndTest.TOKEN, signed, params);
    assertThat(twilio.postWithSignature(signed, params, signature).status()).isEqualTo(200);
    String edited = signed.replace("%2B12075550177", "%2B19005550100");
    assertThat(twilio.postWithSignature(edited, params, signature).status()).isEqualTo(403);
  }

  @Test
  void theVoiceTokenNamesTheMemberAndIsSignedWithTheApiKey() {
    Api.Response issued =
        app("maria-gonzalez").call("POST", "/api/v1/staff/calls/voice-token", null, null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    assertThat(issued.json().getString("identity")).isEqualTo("maria-gonzalez");
    byte[] payload =
        Jwts.parser()
            .verifyWith(
                Keys.hmacShaKeyFor(RunningServer.VOICE_KEY_SECRET.getBytes(StandardCharsets.UTF_8)))
            .build()
            .parseSignedContent(issued.json().getString("token"))
            .getPayload();
    JsonObject claims = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    assertThat(claims.getString("sub")).isEqualTo(TwilioVoiceEndToEndTest.SID);
    assertThat(claims.getJsonObject("grants").getString("identity")).isEqualTo("maria-gonzalez");
    assertThat(claims.getJsonObject("grants").getJsonObject("voice").getJsonObject("incoming"))
        .isEqualTo(new JsonObject().put("allow", true));
  }
}
