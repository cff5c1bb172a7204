package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.twilio.CallTranscript;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioSignature;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to the demo township through real HTTP: the Twilio stand-in plays the resident, sending
 * signed webhooks to the real server and following its TwiML, while the server's clock is set to
 * the moment each scenario needs.
 */
@ExtendWith(RedisExtension.class)
class TwilioVoiceEndToEndTest {
  static final String SID = "AC" + "0123456789abcdef".repeat(2);
  static final String TOKEN = "demo-auth-token-0123456789abcdef";
  static final String MAIN = "+12695550100";
  static final String RESIDENT = "+12075550123";
  static final String L = "/api/v1/tenants/lakeside";

  /** Tuesday 2026-11-24, 10:00 in Lakeside (America/Detroit). */
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private TestClock clock;
  private RunningServer server;
  private Api admin;

  TwilioVoiceEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(SID, TOKEN);
    clock = new TestClock(TUESDAY_MORNING);
    server = RunningServer.withTwilio(redis, dir, clock, twilio, SID, TOKEN);
    admin = server.platformAdmin();
  }

  @AfterEach
  void stop() {
    server.close();
    twilio.close();
  }

  private CallTranscript call(String from, CallerScript script) {
    return twilio.call(
        server.voiceUrl(), from, MAIN, script.statusCallback(server.voiceUrl() + "/status"));
  }

  private JsonObject lastCallRecord() {
    return admin.get(L + "/calls?limit=1").items().getJsonObject(0);
  }

  @Test
  void mainMenuToTheClerkNobodyAnswersAndTheCallerLeavesAVoicemail() {
    CallTranscript call =
        call(
            RESIDENT,
            CallerScript.pressing("1", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(5));

    assertThat(call.lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("dial")
                    .contains("client:maria-gonzalez")
                    .contains("no-answer"));
    assertThat(call.heardTexts())
        .contains(
            "You have reached the Township Clerk. Please leave your name, number and a short message after the tone.")
        .contains("Thank you, your message has been saved. Goodbye.");
    assertThat(call.recordingSids()).hasSize(1);
    // Twilio reports the recording beside the call; once it did, it is one message of the Clerk's.
    assertThat(
            eventually(
                () -> redis.command("ZCARD civicline:{t:lakeside}:vm:box:department.clerk"), ":1"))
        .isEqualTo(":1");

    JsonObject record = lastCallRecord();
    assertThat(record.getString("id")).isEqualTo(call.callSid());
    assertThat(record.getString("outcome")).isEqualTo("voicemail");
    assertThat(record.getJsonArray("path")).contains("main-menu", "ring-clerk", "voicemail-clerk");
    assertThat(record.getString("from")).isEqualTo(RESIDENT);
  }

  @Test
  void whenStaffAnswerTheRecordSaysWho() {
    CallTranscript call =
        call(
            RESIDENT,
            CallerScript.pressing("1", "3")
                .dialOutcome("client:rob-miller", CallerScript.Outcome.ANSWERED));

    assertThat(call.lines())
        .anySatisfy(line -> assertThat(line).contains("talks with client:rob-miller"));
    JsonObject record = lastCallRecord();
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("answeredBy")).isEqualTo("rob-miller");
    assertThat(record.getString("answeredAt")).isNotNull();
  }

  @Test
  void theFormsOptionTextsTheCallerALinkInTheirLanguage() {
    CallTranscript call = call(RESIDENT, CallerScript.pressing("2", "8").silence());

    assertThat(call.heardTexts())
        .contains("Le enviamos un mensaje de texto con el enlace a nuestros formularios.");
    assertThat(sentMessages(1))
        .singleElement()
        .satisfies(
            text -> {
              assertThat(text.to()).isEqualTo(RESIDENT);
              assertThat(text.from()).isEqualTo(MAIN);
              assertThat(text.body()).contains("https://lakeside.example/es/formularios");
            });
  }

  @Test
  void afterHoursTheCallerHearsTheClosedMessage() {
    clock.set(Instant.parse("2026-11-24T23:30:00Z")); // 18:30 in Lakeside

    CallTranscript call = call(RESIDENT, CallerScript.pressing("1").silence());

    assertThat(call.heardTexts())
        .anySatisfy(text -> assertThat(text).startsWith("Township Hall is closed right now."))
        .contains("Thank you for calling Lakeside Township. Goodbye.");
    assertThat(lastCallRecord().getString("outcome")).isEqualTo("message");
  }

  @Test
  void aClosureSwitchedOnMidDayTakesEffectAtOnceAndLapses() {
    JsonObject closure =
        new JsonObject()
            .put("id", "snow-day")
            .put("department", "clerk")
            .put(
                "message",
                new JsonObject()
                    .put("en", "Township offices are closed today because of the snow storm.")
                    .put("es", "Las oficinas están cerradas hoy por la tormenta de nieve."))
            .put("endsAt", "2026-11-24T18:00:00Z");
    assertThat(admin.post(L + "/closures", closure).status()).isEqualTo(201);

    CallTranscript during = call(RESIDENT, CallerScript.pressing("1"));
    assertThat(during.heardTexts())
        .contains("Township offices are closed today because of the snow storm.")
        .doesNotContain(
            "Township Hall is closed right now. Our office hours are Monday to Thursday 8:30 to 4:30, and Friday 8:30 to noon.");

    clock.set(Instant.parse("2026-11-24T18:00:00Z"));
    CallTranscript after = call(RESIDENT, CallerScript.pressing("1").silence());
    assertThat(after.heardTexts())
        .doesNotContain("Township offices are closed today because of the snow storm.")
        .anySatisfy(text -> assertThat(text).startsWith("For the Township Clerk"));
  }

  @Test
  void spanishChosenAtTheStartCarriesToTheVoicemailGreeting() {
    CallTranscript call =
        call(
            RESIDENT,
            CallerScript.pressing("2", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(4));

    assertThat(call.heard())
        .anySatisfy(
            heard -> {
              assertThat(heard.text()).startsWith("Ha llamado a la secretaría municipal.");
              assertThat(heard.language()).isEqualTo("es-US");
              assertThat(heard.voice()).isEqualTo("Polly.Lupe");
            });
    assertThat(call.heardTexts()).contains("Gracias, su mensaje ha sido guardado. Adiós.");
    assertThat(lastCallRecord().getString("language")).isEqualTo("es");
  }

  @Test
  void callersInTheQueueAskForACallbackAndAreCalledBackInOrder() {
    String first = "+12075550001";
    String second = "+12075550002";
    CallTranscript a = call(first, CallerScript.pressing("1", "2", "1"));
    clock.set(TUESDAY_MORNING.plusSeconds(90));
    CallTranscript b = call(second, CallerScript.pressing("2", "2", "1"));

    assertThat(a.heardTexts())
        .contains("You are number 1 in line.")
        .contains("To hang up and get a call back without losing your place, press 1.")
        .contains("Thank you. We will call you back at this number, in your turn. Goodbye.");
    assertThat(b.heardTexts())
        .contains("Gracias. Le llamaremos a este número cuando sea su turno. Adiós.");
    assertThat(lastCallRecord().getString("outcome")).isEqualTo("callback-requested");

    JsonArray waiting = admin.get(L + "/queues/treasurer/callbacks").json().getJsonArray("items");
    assertThat(waiting.stream().map(w -> ((JsonObject) w).getString("number")))
        .containsExactly(first, second);

    twilio.answer(first, CallerScript.caller());
    twilio.answer(second, CallerScript.caller());
    assertThat(
            admin
                .post(L + "/queues/treasurer/callbacks/next", new JsonObject())
                .json()
                .getJsonObject("placed")
                .getString("number"))
        .isEqualTo(first);
    assertThat(
            admin
                .post(L + "/queues/treasurer/callbacks/next", new JsonObject())
                .json()
                .getJsonObject("placed")
                .getString("number"))
        .isEqualTo(second);
    assertThat(
            admin
                .post(L + "/queues/treasurer/callbacks/next", new JsonObject())
                .json()
                .getValue("placed"))
        .isNull();

    List<String> calledBack =
        twilio.requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/Calls.json"))
            .map(r -> r.params().get("To"))
            .toList();
    assertThat(calledBack).containsExactly(first, second);
    assertThat(twilio.awaitCall(twilio.placedCalls().get(0), Duration.ofSeconds(10)).heardTexts())
        .first()
        .isEqualTo(
            "Hello, this is Lakeside Township returning your call. Please hold while we connect"
                + " you.");
    assertThat(
            twilio.requests().stream()
                .filter(r -> r.path().endsWith("/Calls.json"))
                .map(r -> r.params().get("From")))
        .containsOnly(MAIN);
  }

  @Test
  void forgedOrUnsignedWebhooksGet403AndLeaveNoTrace() throws Exception {
    Map<String, String> params = startParams("CAforged0000000000000000000000000");
    assertThat(post(server.voiceUrl(), params, null).statusCode()).isEqualTo(403);
    assertThat(post(server.voiceUrl(), params, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);
    // Signed for another URL: a replay aimed elsewhere fails too.
    String elsewhere = TwilioSignature.sign(TOKEN, "http://127.0.0.1:1/twilio/voice", params);
    assertThat(post(server.voiceUrl(), params, elsewhere).statusCode()).isEqualTo(403);

    assertThat(
            redis.command("EXISTS civicline:{t:lakeside}:call:CAforged0000000000000000000000000"))
        .isEqualTo(":0");
    assertThat(admin.get(L + "/calls").items()).isEmpty();
  }

  @Test
  void aRetriedWebhookDoesNotAdvanceTheCallTwice() throws Exception {
    String callSid = "CAretry00000000000000000000000000";
    HttpResponse<String> started =
        signedPost(server.voiceUrl(), startParams(callSid), "token-start");
    assertThat(started.body()).contains("For English, press 1.");

    String gather = server.voiceUrl() + "/lakeside/calls/" + callSid + "/gather";
    Map<String, String> pressed = new LinkedHashMap<>(startParams(callSid));
    pressed.put("Digits", "1");
    HttpResponse<String> first = signedPost(gather, pressed, "token-press-1");
    HttpResponse<String> retried = signedPost(gather, pressed, "token-press-1");
    assertThat(retried.body()).isEqualTo(first.body());
    assertThat(redis.command("HGET civicline:{t:lakeside}:call:" + callSid + " seq"))
        .isEqualTo("1");

    // Without Twilio's token, the same parameters are recognised as the same webhook.
    HttpResponse<String> again = signedPost(gather, pressed, null);
    HttpResponse<String> againRetried = signedPost(gather, pressed, null);
    assertThat(againRetried.body()).isEqualTo(again.body());
  }

  @Test
  void unknownNumbersAndCallsGetAPoliteSpokenAnswer() throws Exception {
    CallTranscript call =
        twilio.call(server.voiceUrl(), RESIDENT, "+15555550000", CallerScript.caller());
    assertThat(call.applicationError()).isFalse();
    assertThat(call.heardTexts())
        .containsExactly("Sorry, the number you have called is not in service. Goodbye.");

    HttpResponse<String> unknownCall =
        signedPost(
            server.voiceUrl() + "/lakeside/calls/CAnobody000000000000000000000000/gather",
            Map.of("Digits", "1"),
            null);
    assertThat(unknownCall.statusCode()).isEqualTo(200);
    assertThat(unknownCall.body())
        .contains("Sorry, we could not continue this call.")
        .contains("<Hangup/>");
  }

  @Test
  void publishingAnEditDoesNotChangeACallInProgress() throws Exception {
    String callSid = "CAinprogress000000000000000000000";
    signedPost(server.voiceUrl(), startParams(callSid), "start-1");

    Api.Response flow = admin.get(L + "/flows/lakeside-main");
    JsonObject document = flow.json().getJsonObject("document").copy();
    document
        .getJsonObject("nodes")
        .getJsonObject("main-menu")
        .getJsonObject("prompt")
        .put("en", "NEW MENU: for the Clerk press 1.")
        .put("es", "NUEVO MENÚ: para la secretaría oprima 1.");
    Api.Response edited =
        admin.put(
            L + "/flows/lakeside-main", new JsonObject().put("document", document), flow.etag());
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    int newVersion = edited.json().getInteger("latestVersion");
    assertThat(
            admin
                .post(
                    L + "/flows/lakeside-main/versions/" + newVersion + "/publish",
                    new JsonObject())
                .status())
        .isEqualTo(200);

    Map<String, String> pressed = new LinkedHashMap<>(startParams(callSid));
    pressed.put("Digits", "1");
    HttpResponse<String> inProgress =
        signedPost(
            server.voiceUrl() + "/lakeside/calls/" + callSid + "/gather", pressed, "press-1");
    assertThat(inProgress.body()).contains("For the Township Clerk").doesNotContain("NEW MENU");

    CallTranscript fresh = call(RESIDENT, CallerScript.pressing("1").silence());
    assertThat(fresh.heardTexts()).contains("NEW MENU: for the Clerk press 1.");
  }

  /** Polls {@code read} (bounded) until it answers {@code expected}; answers the last value. */
  private static String eventually(java.util.function.Supplier<String> read, String expected) {
    String value = read.get();
    for (int attempt = 0; attempt < 50 && !value.equals(expected); attempt++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = read.get();
    }
    return value;
  }

  /** Texts go out beside the call, not within it: wait (bounded) until they arrived. */
  private List<TwilioStandIn.SentMessage> sentMessages(int expected) {
    for (int attempt = 0; attempt < 50 && twilio.sentMessages().size() < expected; attempt++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return twilio.sentMessages();
  }

  private static Map<String, String> startParams(String callSid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", SID);
    params.put("CallSid", callSid);
    params.put("From", RESIDENT);
    params.put("To", MAIN);
    params.put("CallStatus", "ringing");
    params.put("Direction", "inbound");
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  private HttpResponse<String> signedPost(
      String url, Map<String, String> params, String idempotencyToken) throws Exception {
    HttpRequest.Builder request =
        form(url, params).header("X-Twilio-Signature", TwilioSignature.sign(TOKEN, url, params));
    if (idempotencyToken != null) {
      request.header("I-Twilio-Idempotency-Token", idempotencyToken);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, Map<String, String> params, String signature)
      throws Exception {
    HttpRequest.Builder request = form(url, params);
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder form(String url, Map<String, String> params) {
    String body =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
