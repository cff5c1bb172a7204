package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.smtp.ReceivedMail;
import io.civicline.testkit.smtp.SmtpSink;
import io.civicline.testkit.twilio.CallTranscript;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioSignature;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * A resident leaves a voicemail through the Twilio stand-in: the server fetches the recording
 * through the REST API, stores it durably, records the message once, and emails the mailbox's
 * people. Failures on the way make Twilio retry and still end in exactly one message.
 */
@ExtendWith(RedisExtension.class)
class VoicemailEndToEndTest {
  static final String SID = TwilioVoiceEndToEndTest.SID;
  static final String TOKEN = TwilioVoiceEndToEndTest.TOKEN;
  static final String MAIN = "+12695550100";
  static final String RESIDENT = "+12075550123";

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private SmtpSink smtp;
  private RunningServer server;
  private Api admin;

  VoicemailEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(SID, TOKEN);
    smtp = SmtpSink.start();
    server =
        RunningServer.withTwilioAndMail(
            redis,
            dir,
            new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING),
            twilio,
            SID,
            TOKEN,
            smtp);
    admin = server.platformAdmin();
  }

  @AfterEach
  void stop() {
    server.close();
    smtp.close();
    twilio.close();
  }

  private CallTranscript leaveVoicemail() {
    return twilio.call(
        server.voiceUrl(),
        RESIDENT,
        MAIN,
        CallerScript.pressing("1", "1")
            .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
            .recordSeconds(6)
            .statusCallback(server.voiceUrl() + "/status"));
  }

  @Test
  void theMessageIsStoredOnceAndTheClerksStaffAreEmailed() throws Exception {
    CallTranscript call = leaveVoicemail();

    List<ReceivedMail> mails = smtp.awaitMessages(1, Duration.ofSeconds(10));
    ReceivedMail mail = mails.get(0);
    assertThat(mail.envelopeTo())
        .contains("mgonzalez@lakeside.example", "tbecker@lakeside.example");
    assertThat(mail.subject()).contains("Township Clerk").contains("0:06");
    assertThat(mail.text())
        .contains("/api/v1/tenants/lakeside/mailboxes/department-clerk/messages/vm-")
        .contains("+1 207 555 0123");

    assertThat(redis.command("ZCARD civicline:{t:lakeside}:vm:box:department.clerk"))
        .isEqualTo(":1");
    Path stored = dir.resolve("recordings").resolve("lakeside");
    assertThat(Files.list(stored).filter(p -> p.toString().endsWith(".wav")).count()).isEqualTo(1);
    assertThat(
            admin
                .get("/api/v1/tenants/lakeside/calls/" + call.callSid())
                .json()
                .getString("outcome"))
        .isEqualTo("voicemail");

    // A records request: the export holds the audio and a manifest whose checksums verify.
    Api.Bytes export = admin.getBytes("/api/v1/tenants/lakeside/mailboxes/department-clerk/export");
    assertThat(export.status()).isEqualTo(200);
    Map<String, byte[]> entries = unzip(export.body());
    JsonObject manifest =
        new JsonObject(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
    JsonObject listed = manifest.getJsonArray("messages").getJsonObject(0);
    byte[] audio = entries.get("audio/" + listed.getString("id") + ".wav");
    assertThat(sha256(audio)).isEqualTo(listed.getString("sha256"));
    assertThat(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8))
        .contains(listed.getString("sha256"));
  }

  @Test
  void theMailboxsOwnGreetingsAndLengthAreUsedOnCalls() throws Exception {
    String box = "/api/v1/tenants/lakeside/mailboxes/department-clerk";
    JsonObject settings =
        new JsonObject()
            .put("id", "department-clerk")
            .put("name", "Township Clerk")
            .put("maxMessageSeconds", 30)
            .put(
                "greetings",
                new JsonObject()
                    .put(
                        "es",
                        new JsonObject()
                            .put("text", "Deje su mensaje para la secretaría, por favor.")));
    assertThat(admin.post("/api/v1/tenants/lakeside/mailboxes", settings).status()).isEqualTo(201);
    byte[] upload = io.civicline.ops.support.Greetings.small();
    assertThat(admin.putBytes(box + "/greetings/en", upload, "audio/wav", null).status())
        .isEqualTo(200);
    byte[] stored = admin.getBytes(box + "/greetings/en").body();

    CallTranscript english = leaveVoicemail();
    String played =
        english.playedUrls().stream()
            .filter(url -> url.contains("/greetings/department-clerk/en/"))
            .findFirst()
            .orElseThrow();
    HttpResponse<byte[]> fetched =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(played)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fetched.body()).isEqualTo(stored);
    assertThat(
            english.webhooks().stream().map(w -> w.body()).filter(body -> body.contains("<Record")))
        .anySatisfy(body -> assertThat(body).contains("maxLength=\"30\""));
    // A link whose signature does not match is refused.
    HttpResponse<byte[]> forged =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(played.replaceAll("sig=[^&]+", "sig=forged")))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(forged.statusCode()).isEqualTo(403);

    CallTranscript spanish =
        twilio.call(
            server.voiceUrl(),
            "+12075550124",
            MAIN,
            CallerScript.pressing("2", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(3));
    assertThat(spanish.heardTexts()).contains("Deje su mensaje para la secretaría, por favor.");
  }

  @Test
  void aDownloadThatFailsIsRetriedByTwilioAndEndsInExactlyOneMessage() throws Exception {
    twilio.failNext(".*/Recordings/.*", 503, 1);
    CallTranscript call = leaveVoicemail();

    // The first download failed, the callback answered an error, and Twilio's retry fetched it.
    List<Integer> downloads =
        twilio.requests().stream()
            .filter(r -> r.path().contains("/Recordings/"))
            .map(TwilioStandIn.RestRequest::status)
            .toList();
    assertThat(downloads).containsExactly(503, 200);
    assertThat(redis.command("ZCARD civicline:{t:lakeside}:vm:box:department.clerk"))
        .isEqualTo(":1");

    // Later repeats of the callback add nothing: still one message, one email.
    String recordingSid = call.recordingSids().get(0);
    String url =
        server.voiceUrl()
            + "/lakeside/calls/"
            + call.callSid()
            + "/recording?mailbox=department%3Aclerk";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", SID);
    params.put("CallSid", call.callSid());
    params.put("RecordingSid", recordingSid);
    params.put("RecordingStatus", "completed");
    params.put("RecordingDuration", "6");
    assertThat(signedPost(url, params).statusCode()).isEqualTo(204);
    assertThat(signedPost(url, params).statusCode()).isEqualTo(204);

    assertThat(redis.command("ZCARD civicline:{t:lakeside}:vm:box:department.clerk"))
        .isEqualTo(":1");
    assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
  }

  @Test
  void aForgedRecordingCallbackStoresNothing() throws Exception {
    String url =
        server.voiceUrl() + "/lakeside/calls/CAforged/recording?mailbox=department%3Aclerk";
    Map<String, String> params =
        Map.of("RecordingSid", "RE" + "0".repeat(32), "RecordingStatus", "completed");
    HttpResponse<String> forged =
        HttpClient.newHttpClient()
            .send(
                form(url, params).header("X-Twilio-Signature", "Zm9yZ2Vk").build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:vm:sources")).isEqualTo(":0");
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (java.util.zip.ZipEntry entry = in.getNextEntry();
          entry != null;
          entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private HttpResponse<String> signedPost(String url, Map<String, String> params) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            form(url, params)
                .header("X-Twilio-Signature", TwilioSignature.sign(TOKEN, url, params))
                .build(),
            HttpResponse.BodyHandlers.ofString());
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
