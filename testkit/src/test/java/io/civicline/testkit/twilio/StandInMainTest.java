package io.civicline.testkit.twilio;

import static io.civicline.testkit.twilio.TwilioStandInCallTest.ACCOUNT;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.TOKEN;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.twiml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInMainTest {
  static final String MAIN_LINE = "+12695550100";

  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  StandInMain main;
  WebhookApp app;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() {
    main =
        StandInMain.start(
            ACCOUNT, TOKEN, 0, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    app = WebhookApp.start(TOKEN);
  }

  @AfterEach
  void stop() {
    app.close();
    main.close();
  }

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(main.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(main.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> jsonList(String body) {
    return (List<Map<String, Object>>) Wire.parseJson(body);
  }

  @Test
  void postCallsPlaysTheInputsAndAnswersTheTranscriptAsText() throws Exception {
    app.twiml(
            "/twilio/voice",
            twiml(
                "<Gather numDigits=\"1\" action=\"/twilio/voice/menu\">"
                    + "<Say>Welcome to Lakeside. For public works, press 1.</Say></Gather>"))
        .route(
            "/twilio/voice/menu",
            hit ->
                twiml(
                    "<Gather input=\"speech\" action=\"/twilio/voice/who\"><Say>You pressed "
                        + hit.param("Digits")
                        + ". Who do you want?</Say></Gather>"))
        .twiml(
            "/twilio/voice/who",
            twiml("<Dial action=\"/twilio/voice/after-dial\"><Number>+12695550199</Number></Dial>"))
        .route(
            "/twilio/voice/after-dial",
            hit ->
                twiml(
                    "<Say>Nobody answered ("
                        + hit.param("DialCallStatus")
                        + "). Leave a message.</Say>"
                        + "<Record action=\"/twilio/voice/recorded\"/>"))
        .twiml("/twilio/voice/recorded", twiml("<Say>Thank you.</Say><Hangup/>"))
        .twiml("/twilio/voice/status", "");

    HttpResponse<String> response =
        post(
            "/_standin/calls",
            """
            {"url": "%s", "to": "+12695550100", "from": "+12075550123",
             "inputs": ["1", "say:the clerk"], "statusCallback": "%s"}
            """
                .formatted(app.url("/twilio/voice"), app.url("/twilio/voice/status")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
    String transcript = response.body();
    assertThat(transcript)
        .startsWith("call CA")
        .contains("from +12075550123 to +12695550100 (inbound)")
        .contains("caller hears: Welcome to Lakeside. For public works, press 1.")
        .contains("caller presses 1")
        .contains("caller says \"the clerk\"")
        .contains("dial +12695550199 -> no-answer")
        .contains("caller hears: Nobody answered (no-answer). Leave a message.")
        .contains("records 5 s -> RE")
        .contains("caller hears: Thank you.")
        .contains("status callback POST " + app.url("/twilio/voice/status") + " -> 200")
        .endsWith("\n");
    assertThat(transcript.lines().toList()).doesNotContain("");
    assertThat(app.rejected()).isEmpty();
    assertThat(app.hits("/twilio/voice/status").get(0).params())
        .containsEntry("CallStatus", "completed");
    assertThat(log()).contains("POST /_standin/calls -> 200 (CA").doesNotContain(TOKEN);
  }

  @Test
  void hangupAtAGatherEndsTheCallWithoutAnAction() throws Exception {
    app.twiml(
        "/voice", twiml("<Gather numDigits=\"1\" action=\"/menu\"><Say>Press 1.</Say></Gather>"));

    String transcript =
        post(
                "/_standin/calls",
                "{\"url\": \""
                    + app.url("/voice")
                    + "\", \"to\": \"+12695550100\","
                    + " \"inputs\": [\"hangup\"]}")
            .body();

    assertThat(transcript)
        .contains("from " + StandInMain.DEFAULT_FROM)
        .contains("caller hangs up")
        .contains("call completed");
    assertThat(app.hits("/menu")).isEmpty();
  }

  @Test
  void hangupAtARecordLeavesAMessageThenHangsUp() throws Exception {
    app.twiml("/voice", twiml("<Record action=\"/recorded\"/>")).twiml("/recorded", "");

    String transcript =
        post(
                "/_standin/calls",
                "{\"url\": \""
                    + app.url("/voice")
                    + "\", \"to\": \"+12695550100\","
                    + " \"inputs\": [\"hangup\"]}")
            .body();

    assertThat(transcript).contains("records 5 s -> RE").contains("(caller hangs up)");
    assertThat(app.hits("/recorded").get(0).params()).containsEntry("Digits", "hangup");
  }

  @Test
  void anErrorAnswerFromTheServerIsPartOfTheTranscript() throws Exception {
    app.status("/twilio/voice", 503);

    HttpResponse<String> response =
        post(
            "/_standin/calls",
            "{\"url\": \"" + app.url("/twilio/voice") + "\", \"to\": \"" + MAIN_LINE + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("-> 503")
        .contains("application error 11200")
        .contains(CallRun.APPLICATION_ERROR_SPEECH);
    assertThat(log()).contains("application error");
  }

  @Test
  void badRequestsAreRefusedWithAReadableReason() throws Exception {
    HttpResponse<String> notJson = post("/_standin/calls", "{\"url\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");

    HttpResponse<String> noUrl = post("/_standin/calls", "{\"to\": \"+12695550100\"}");
    assertThat(noUrl.statusCode()).isEqualTo(400);
    assertThat(noUrl.body()).contains("\"url\"");

    HttpResponse<String> badInput =
        post(
            "/_standin/calls",
            "{\"url\": \"http://127.0.0.1:1/v\", \"to\": \"+12695550100\","
                + " \"inputs\": [\"press one\"]}");
    assertThat(badInput.statusCode()).isEqualTo(400);
    assertThat(badInput.body()).contains("unknown input \"press one\"");

    assertThat(get("/_standin/nope").statusCode()).isEqualTo(404);
    assertThat(post("/_standin/messages", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  @SuppressWarnings("unchecked")
  void textsAndOutboundCallsSentThroughTheRestApiAreListed() throws Exception {
    app.twiml("/callback", twiml("<Say>The clerk is returning your call.</Say>"))
        .twiml("/callback-status", "");
    TwilioRestClient client =
        new TwilioRestClient.Builder(ACCOUNT, TOKEN)
            .httpClient(new StandInHttpClient(main.baseUrl()))
            .build();

    Message.creator(
            new PhoneNumber("+12075550123"),
            new PhoneNumber(MAIN_LINE),
            "Lakeside: your pothole report #12 was received.")
        .create(client);
    Call call =
        Call.creator(
                new PhoneNumber("+12075550123"),
                new PhoneNumber(MAIN_LINE),
                URI.create(app.url("/callback")))
            .setStatusCallback(URI.create(app.url("/callback-status")))
            .create(client);
    main.standIn().awaitCall(call.getSid(), Duration.ofSeconds(10));

    List<Map<String, Object>> messages = jsonList(get("/_standin/messages").body());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .containsEntry("to", "+12075550123")
        .containsEntry("from", MAIN_LINE)
        .containsEntry("body", "Lakeside: your pothole report #12 was received.");
    assertThat((String) messages.get(0).get("sid")).startsWith("SM");

    List<Map<String, Object>> calls = jsonList(get("/_standin/calls").body());
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0))
        .containsEntry("sid", call.getSid())
        .containsEntry("to", "+12075550123")
        .containsEntry("status", "completed")
        .containsEntry("finished", true);
    assertThat((List<Object>) calls.get(0).get("transcript"))
        .contains("caller hears: The clerk is returning your call.");

    assertThat(log())
        .contains("POST /2010-04-01/Accounts/" + ACCOUNT + "/Messages.json -> 201")
        .contains("POST /2010-04-01/Accounts/" + ACCOUNT + "/Calls.json -> 201")
        .contains("GET /_standin/messages -> 200")
        .doesNotContain(TOKEN)
        .doesNotContain("pothole");
  }

  @Test
  void restRequestsStillNeedTheAccountCredentials() throws Exception {
    HttpResponse<String> response =
        post("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json", "To=%2B1&From=%2B1&Body=x");
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void commandLineNeedsAValidSidAndATokenFile(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("auth-token");
    Files.writeString(token, TOKEN + "\n");

    StandInMain.Options options =
        StandInMain.parse(
            new String[] {
              "--port",
              "0",
              "--account-sid",
              ACCOUNT,
              "--auth-token-file",
              token.toString(),
              "--ready-file",
              dir.resolve("port").toString()
            });

    assertThat(options.port()).isZero();
    assertThat(StandInMain.readToken(options.authTokenFile())).isEqualTo(TOKEN);
    assertThatThrownBy(
            () -> StandInMain.parse(new String[] {"--port", "0", "--account-sid", "ACnope"}))
        .hasMessageContaining("--account-sid");
    assertThatThrownBy(() -> StandInMain.parse(new String[] {"--port"}))
        .hasMessageContaining("missing value");
    Files.writeString(token, "  \n");
    assertThatThrownBy(() -> StandInMain.readToken(token))
        .hasMessageContaining("is empty")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void jsonReaderHandlesEscapesAndRejectsGarbage() {
    assertThat(Wire.parseJson("{\"a\": [1, true, null, \"x\\\"y\\u00e9\\n\"], \"b\": {}}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, true, null, "x\"yé\n"), "b", Map.of()));
    assertThatThrownBy(() -> Wire.parseJson("{\"a\": 1} x")).hasMessageContaining("offset");
    assertThatThrownBy(() -> Wire.parseJson("[1,")).isInstanceOf(IllegalArgumentException.class);
  }
}
