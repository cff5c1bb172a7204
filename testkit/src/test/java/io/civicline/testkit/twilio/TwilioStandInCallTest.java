package io.civicline.testkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.twilio.CallerScript.Outcome;
import io.civicline.testkit.twilio.CallerScript.QueueExit;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioStandInCallTest {
  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String TOKEN = "12345678901234567890123456789012";
  static final String RESIDENT = "+12175550142";
  static final String TOWN_HALL = "+12175550100";

  TwilioStandIn twilio;
  WebhookApp app;

  @BeforeEach
  void start() {
    twilio = TwilioStandIn.start(ACCOUNT, TOKEN);
    app = WebhookApp.start(TOKEN);
  }

  @AfterEach
  void stop() {
    app.close();
    twilio.close();
  }

  static String twiml(String verbs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
  }

  @Test
  void webhookSignatureValidatesWithTheRealSdkIncludingQueryStrings() {
    app.twiml("/voice", twiml("<Say language=\"es-MX\" voice=\"Polly.Mia\">Para español</Say>"));

    CallTranscript call =
        twilio.call(
            app.url("/voice?town=springfield&lang=en%20US"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller());

    assertThat(app.rejected()).isEmpty();
    assertThat(app.hits("/voice")).hasSize(1);
    WebhookApp.Hit hit = app.hits("/voice").get(0);
    assertThat(hit.params())
        .containsEntry("AccountSid", ACCOUNT)
        .containsEntry("ApiVersion", "2010-04-01")
        .containsEntry("CallSid", call.callSid())
        .containsEntry("CallStatus", "ringing")
        .containsEntry("Direction", "inbound")
        .containsEntry("From", RESIDENT)
        .containsEntry("Caller", RESIDENT)
        .containsEntry("To", TOWN_HALL)
        .containsEntry("Called", TOWN_HALL)
        .containsKeys("FromCity", "FromState", "FromZip", "FromCountry", "ToCity", "ToCountry");
    assertThat(call.callSid()).matches("CA[0-9a-f]{32}");
    assertThat(call.heard())
        .containsExactly(new CallTranscript.Heard("say", "Para español", "es-MX", "Polly.Mia"));
    assertThat(call.toString()).contains("caller hears [es-MX Polly.Mia]: Para español");
    assertThat(call.finalStatus()).isEqualTo("completed");
  }

  @Test
  void signatureWithTheWrongTokenIsRejectedByTheApp() {
    try (TwilioStandIn impostor = TwilioStandIn.start(ACCOUNT, "not-the-token")) {
      app.twiml("/voice", twiml("<Say>Hello</Say>"));

      CallTranscript call =
          impostor.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.caller());

      assertThat(app.rejected()).hasSize(1);
      assertThat(call.applicationError()).isTrue();
      assertThat(call.heardTexts()).containsExactly(CallRun.APPLICATION_ERROR_SPEECH);
    }
  }

  @Test
  void gatherPostsDigitsToTheRelativeActionAndFollowsItsTwiml() {
    app.twiml(
            "/ivr/welcome",
            twiml(
                "<Gather numDigits=\"1\" action=\"menu\" timeout=\"4\">"
                    + "<Say>For the clerk, press 1. For permits, press 2.</Say></Gather>"
                    + "<Say>Goodbye</Say>"))
        .route(
            "/ivr/menu",
            hit ->
                twiml(
                    hit.param("Digits").equals("2")
                        ? "<Say>Permits office</Say>"
                        : "<Say>Clerk</Say>"));

    CallTranscript call =
        twilio.call(app.url("/ivr/welcome"), RESIDENT, TOWN_HALL, CallerScript.pressing("2"));

    assertThat(app.hits("/ivr/menu")).hasSize(1);
    assertThat(app.hits("/ivr/menu").get(0).params())
        .containsEntry("Digits", "2")
        .containsEntry("CallStatus", "in-progress");
    assertThat(call.heardTexts())
        .containsExactly("For the clerk, press 1. For permits, press 2.", "Permits office");
    assertThat(call.lines()).contains("caller presses 2");
  }

  @Test
  void gatherWithoutInputFallsThroughToTheNextVerb() {
    app.twiml(
            "/voice",
            twiml(
                "<Gather action=\"/menu\"><Say>Press a key</Say></Gather>"
                    + "<Say>We did not receive any input.</Say>"))
        .twiml("/menu", twiml("<Say>menu</Say>"));

    CallTranscript call =
        twilio.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.silent());

    assertThat(app.hits("/menu")).isEmpty();
    assertThat(call.heardTexts()).containsExactly("Press a key", "We did not receive any input.");
  }

  @Test
  void gatherWithActionOnEmptyResultPostsWithoutDigitsAndSpeechIsRecognised() {
    app.twiml(
            "/voice",
            twiml(
                "<Gather input=\"speech dtmf\" action=\"/who\"><Say>Who?</Say></Gather>"
                    + "<Gather action=\"/empty\" actionOnEmptyResult=\"true\"/>"))
        .twiml("/who", twiml("<Gather action=\"/empty\" actionOnEmptyResult=\"true\"/>"))
        .twiml("/empty", twiml("<Hangup/>"));

    twilio.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.saying("clerk"));

    assertThat(app.hits("/who").get(0).params())
        .containsEntry("SpeechResult", "clerk")
        .containsKey("Confidence");
    assertThat(app.hits("/empty")).hasSize(1);
    assertThat(app.hits("/empty").get(0).params()).doesNotContainKey("Digits");
  }

  @Test
  void dialNoAnswerPostsTheActionWithDialCallStatus() {
    app.twiml(
            "/voice",
            twiml(
                "<Dial action=\"/dial-done\" timeout=\"20\"><Client>maria-gonzalez</Client></Dial>"
                    + "<Say>never reached</Say>"))
        .twiml("/dial-done", twiml("<Say>Nobody is available.</Say>"));

    CallTranscript call =
        twilio.call(
            app.url("/voice"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller().dialOutcome("client:maria-gonzalez", Outcome.NO_ANSWER));

    assertThat(app.hits("/dial-done")).hasSize(1);
    assertThat(app.hits("/dial-done").get(0).params())
        .containsEntry("DialCallStatus", "no-answer")
        .containsEntry("DialCallDuration", "0")
        .containsKey("DialCallSid");
    assertThat(call.lines()).contains("dial client:maria-gonzalez -> no-answer");
    assertThat(call.heardTexts()).containsExactly("Nobody is available.");
  }

  @Test
  void answeredDialWithoutActionTalksThenEnds() {
    app.twiml("/voice", twiml("<Dial><Number>+12175550199</Number></Dial><Say>after</Say>"));

    CallTranscript call =
        twilio.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.caller().talkSeconds(42));

    assertThat(call.heardTexts()).isEmpty();
    assertThat(call.durationSeconds()).isGreaterThanOrEqualTo(42);
    assertThat(call.lines()).contains("dial +12175550199 -> completed");
  }

  @Test
  void recordPostsActionAndRecordingStatusCallbackAndTheAudioIsDownloadable() throws Exception {
    app.twiml(
            "/voicemail",
            twiml(
                "<Say>Leave a message after the beep.</Say>"
                    + "<Record action=\"/recorded\" maxLength=\"120\""
                    + " recordingStatusCallback=\"/recording-status\"/>"))
        .twiml("/recorded", twiml("<Say>Thank you.</Say><Hangup/>"))
        .twiml("/recording-status", "");

    CallTranscript call =
        twilio.call(
            app.url("/voicemail"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller().recordSeconds(5, "#"));

    assertThat(call.recordingSids()).hasSize(1);
    String sid = call.recordingSids().get(0);
    assertThat(sid).matches("RE[0-9a-f]{32}");
    Map<String, String> action = app.hits("/recorded").get(0).params();
    String recordingUrl =
        twilio.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid;
    assertThat(action)
        .containsEntry("RecordingSid", sid)
        .containsEntry("RecordingUrl", recordingUrl)
        .containsEntry("RecordingDuration", "5")
        .containsEntry("Digits", "#");
    assertThat(app.hits("/recording-status")).hasSize(1);
    assertThat(app.hits("/recording-status").get(0).params())
        .containsEntry("RecordingStatus", "completed")
        .containsEntry("RecordingSid", sid)
        .containsEntry("RecordingUrl", recordingUrl)
        .containsEntry("RecordingDuration", "5")
        .containsEntry("RecordingChannels", "1")
        .containsEntry("RecordingSource", "RecordVerb");
    assertThat(call.lines()).anyMatch(l -> l.startsWith("records 5 s -> " + sid));
    assertThat(call.heardTexts()).containsExactly("Leave a message after the beep.", "Thank you.");

    HttpResponse<byte[]> wav = get(recordingUrl + ".wav", ACCOUNT, TOKEN);
    assertThat(wav.statusCode()).isEqualTo(200);
    try (AudioInputStream audio =
        AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav.body()))) {
      AudioFormat format = audio.getFormat();
      assertThat(format.getSampleRate()).isEqualTo(8000f);
      assertThat(format.getChannels()).isEqualTo(1);
      assertThat(audio.getFrameLength()).isEqualTo(5 * 8000);
    }
    HttpResponse<byte[]> json = get(recordingUrl + ".json", ACCOUNT, TOKEN);
    assertThat(new String(json.body(), StandardCharsets.UTF_8))
        .contains(
            "\"sid\":\"" + sid + "\"",
            "\"duration\":\"5\"",
            "\"call_sid\":\"" + call.callSid() + "\"");
    HttpResponse<byte[]> mp3 = get(recordingUrl + ".mp3", ACCOUNT, TOKEN);
    assertThat(mp3.body()[0]).isEqualTo((byte) 0xFF);
    HttpResponse<byte[]> unknown =
        get(
            twilio.baseUrl()
                + "/2010-04-01/Accounts/"
                + ACCOUNT
                + "/Recordings/RE"
                + "0".repeat(32)
                + ".wav",
            ACCOUNT,
            TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"code\":20404");
    assertThat(get(recordingUrl + ".wav", ACCOUNT, "wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void silentRecordSkipsTheActionAndContinues() {
    app.twiml("/voicemail", twiml("<Record action=\"/recorded\"/><Say>No message recorded.</Say>"));

    CallTranscript call =
        twilio.call(app.url("/voicemail"), RESIDENT, TOWN_HALL, CallerScript.silent());

    assertThat(app.hits("/recorded")).isEmpty();
    assertThat(call.recordingSids()).isEmpty();
    assertThat(call.heardTexts()).containsExactly("No message recorded.");
  }

  @Test
  void enqueueRequestsTheWaitUrlRepeatedlyUntilTheCallerHangsUp() {
    app.twiml(
            "/voice",
            twiml("<Enqueue waitUrl=\"/wait\" action=\"/queue-done\">front-desk</Enqueue>"))
        .route(
            "/wait",
            hit ->
                twiml(
                    "<Say>You are caller number "
                        + hit.param("QueuePosition")
                        + "</Say>"
                        + "<Pause length=\"10\"/>"))
        .twiml("/queue-done", twiml("<Say>ignored after hangup</Say>"));

    CallTranscript call =
        twilio.call(
            app.url("/voice"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller().waitInQueue(25, QueueExit.HANG_UP));

    assertThat(app.hits("/wait")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(app.hits("/wait").get(0).params())
        .containsEntry("QueuePosition", "1")
        .containsEntry("QueueTime", "0")
        .containsKeys("QueueSid", "AvgQueueTime", "CurrentQueueSize");
    assertThat(Integer.parseInt(app.hits("/wait").get(2).param("QueueTime"))).isGreaterThan(20);
    Map<String, String> done = app.hits("/queue-done").get(0).params();
    assertThat(done).containsEntry("QueueResult", "hangup");
    assertThat(Integer.parseInt(done.get("QueueTime"))).isGreaterThanOrEqualTo(25);
    assertThat(call.heardTexts()).doesNotContain("ignored after hangup");
  }

  @Test
  void digitsDuringTheQueueWaitCanLeaveTheQueue() {
    app.twiml(
            "/voice",
            twiml(
                "<Enqueue waitUrl=\"/wait\" action=\"/queue-done\">front-desk</Enqueue>"
                    + "<Say>not reached</Say>"))
        .twiml(
            "/wait",
            twiml(
                "<Gather numDigits=\"1\" action=\"/wait-key\">"
                    + "<Say>Press 1 to leave a voicemail instead.</Say></Gather>"))
        .twiml("/wait-key", twiml("<Leave/>"))
        .twiml("/queue-done", twiml("<Say>Please leave a message.</Say>"));

    CallTranscript call =
        twilio.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.pressing("1"));

    assertThat(app.hits("/wait-key").get(0).params()).containsEntry("Digits", "1");
    assertThat(app.hits("/queue-done").get(0).params()).containsEntry("QueueResult", "leave");
    assertThat(call.heardTexts())
        .containsExactly("Press 1 to leave a voicemail instead.", "Please leave a message.");
  }

  @Test
  void redirectsResolveRelativeUrlsAndHonourGet() {
    app.twiml("/ivr/start", twiml("<Redirect>next</Redirect>"))
        .twiml("/ivr/next", twiml("<Redirect method=\"GET\">../hello?lang=en</Redirect>"))
        .twiml("/hello", twiml("<Say>Hello from GET</Say>"));

    CallTranscript call =
        twilio.call(app.url("/ivr/start"), RESIDENT, TOWN_HALL, CallerScript.caller());

    assertThat(app.rejected()).isEmpty();
    assertThat(app.hits("/ivr/next")).hasSize(1);
    WebhookApp.Hit hello = app.hits("/hello").get(0);
    assertThat(hello.method()).isEqualTo("GET");
    assertThat(hello.params()).containsEntry("lang", "en").containsEntry("CallSid", call.callSid());
    assertThat(call.heardTexts()).containsExactly("Hello from GET");
  }

  @Test
  void callerHangingUpMidCallStopsTwimlAndSendsTheStatusCallback() {
    app.twiml(
            "/voice",
            twiml("<Say>one</Say><Say>two</Say><Say>three</Say><Redirect>/more</Redirect>"))
        .twiml("/more", twiml("<Say>more</Say>"))
        .twiml("/status", "");

    CallTranscript call =
        twilio.call(
            app.url("/voice"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller().hangUpAfter(2).statusCallback(app.url("/status")));

    assertThat(call.heardTexts()).containsExactly("one", "two");
    assertThat(app.hits("/more")).isEmpty();
    assertThat(app.hits("/status")).hasSize(1);
    Map<String, String> status = app.hits("/status").get(0).params();
    assertThat(status)
        .containsEntry("CallStatus", "completed")
        .containsEntry("CallSid", call.callSid())
        .containsEntry("CallDuration", Integer.toString(call.durationSeconds()));
    assertThat(call.lines()).contains("caller hangs up");
  }

  @Test
  void http500IsAnApplicationError() {
    app.twiml("/voice", twiml("<Gather action=\"/broken\"><Say>Press</Say></Gather>"))
        .status("/broken", 500)
        .twiml("/status", "");

    CallTranscript call =
        twilio.call(
            app.url("/voice"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.pressing("1").statusCallback(app.url("/status")));

    assertThat(call.applicationError()).isTrue();
    assertThat(call.heardTexts()).containsExactly("Press", CallRun.APPLICATION_ERROR_SPEECH);
    assertThat(call.toString()).contains("application error 11200").contains("-> 500");
    assertThat(app.hits("/status").get(0).param("CallStatus")).isEqualTo("completed");
  }

  @Test
  void nonTwimlAnswerIsAnApplicationError() {
    app.twiml("/voice", "this is not xml");

    CallTranscript call =
        twilio.call(app.url("/voice"), RESIDENT, TOWN_HALL, CallerScript.caller());

    assertThat(call.applicationError()).isTrue();
    assertThat(call.toString()).contains("application error 12100");
  }

  @Test
  void redirectLoopsStopAfter200Documents() {
    AtomicInteger served = new AtomicInteger();
    app.route(
        "/loop",
        hit -> {
          served.incrementAndGet();
          return twiml("<Redirect>/loop</Redirect>");
        });

    CallTranscript call = twilio.call(app.url("/loop"), RESIDENT, TOWN_HALL, CallerScript.caller());

    assertThat(served.get()).isEqualTo(CallRun.MAX_DOCUMENTS);
    assertThat(call.applicationError()).isTrue();
    assertThat(call.toString()).contains("more than 200 TwiML documents");
  }

  static HttpResponse<byte[]> get(String url, String user, String password) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + auth)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }
}
