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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident leaves a message for the Clerk; a clerk calls the staff voicemail line, types the
 * mailbox number and PIN, hears the message (played from a signed URL) and saves it, then deletes
 * it on a second call. Wrong PINs lock the mailbox, and the locked mailbox sounds like a wrong PIN.
 */
@ExtendWith(RedisExtension.class)
class VoicemailByPhoneEndToEndTest {
  static final String SID = TwilioVoiceEndToEndTest.SID;
  static final String TOKEN = TwilioVoiceEndToEndTest.TOKEN;
  static final String MAIN = "+12695550100";
  static final String STAFF_LINE = io.civicline.ops.support.StaffVoicemailLine.NUMBER;
  static final String RESIDENT = "+12075550123";
  static final String CLERK_PHONE = "+12695550301";
  static final String PIN = io.civicline.ops.support.StaffVoicemailLine.CLERK_PIN;
  static final String L = "/api/v1/tenants/lakeside";
  static final String BOX = "civicline:{t:lakeside}:vm:box:department.clerk";

  private final RedisServer redis;
  @TempDir Path dir;
  private TestClock clock;
  private TwilioStandIn twilio;
  private RunningServer server;
  private Api admin;

  VoicemailByPhoneEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() throws Exception {
    redis.flushAll();
    clock = new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING);
    twilio = TwilioStandIn.start(SID, TOKEN);
    server = RunningServer.withTwilio(redis, dir, clock, twilio, SID, TOKEN);
    admin = server.platformAdmin();
    io.civicline.ops.support.StaffVoicemailLine.setUp(admin);
  }

  @AfterEach
  void stop() {
    server.close();
    twilio.close();
  }

  private void leaveVoicemail() {
    twilio.call(
        server.voiceUrl(),
        RESIDENT,
        MAIN,
        CallerScript.pressing("1", "1")
            .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
            .recordSeconds(6)
            .statusCallback(server.voiceUrl() + "/status"));
    assertThat(redis.command("ZCARD " + BOX)).isEqualTo(":1");
  }

  private CallTranscript callIn(String... keys) {
    return twilio.call(server.voiceUrl(), CLERK_PHONE, STAFF_LINE, CallerScript.pressing(keys));
  }

  private static HttpResponse<byte[]> fetch(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aClerkHearsTheMessageSavesItThenDeletesItOnALaterCall() throws Exception {
    leaveVoicemail();

    CallTranscript first = callIn("200#", PIN + "#", "1");

    assertThat(first.heardTexts())
        .contains(
            "Please enter your mailbox number, then press pound.",
            "Please enter your PIN, then press pound.",
            "You have 1 new message.",
            "Message received Tuesday, November 24 at 10:00 AM, from 2 0 7 5 5 5 0 1 2 3.",
            "Message saved.",
            "No more messages. Goodbye.");
    // The PIN is in no answer the server gave.
    assertThat(first.webhooks()).allSatisfy(w -> assertThat(w.body()).doesNotContain(PIN));
    assertThat(first.playedUrls()).hasSize(1);
    String url = first.playedUrls().get(0);
    String messageId = url.replaceAll(".*/messages/([^/]+)/audio.*", "$1");

    // Twilio fetches the audio with a plain GET: the signed URL serves the stored WAV.
    HttpResponse<byte[]> audio = fetch(url);
    assertThat(audio.statusCode()).isEqualTo(200);
    assertThat(audio.headers().firstValue("Content-Type")).contains("audio/wav");
    Path stored;
    try (var files = Files.list(dir.resolve("recordings").resolve("lakeside"))) {
      stored = files.filter(p -> p.toString().endsWith(".wav")).findFirst().orElseThrow();
    }
    assertThat(audio.body()).isEqualTo(Files.readAllBytes(stored));
    // Forged or altered signatures, another message, and an expired URL are refused.
    assertThat(fetch(url.replaceAll("sig=[^&]+", "sig=Zm9yZ2Vk")).statusCode()).isEqualTo(403);
    assertThat(fetch(url.replace(messageId, "vm-other")).statusCode()).isEqualTo(403);
    assertThat(fetch(url.replaceAll("exp=([0-9]+)", "exp=9$1")).statusCode()).isEqualTo(403);
    clock.advance(Duration.ofHours(2));
    assertThat(fetch(url).statusCode()).isEqualTo(403);
    clock.set(TwilioVoiceEndToEndTest.TUESDAY_MORNING.plusSeconds(600));

    // Saved: heard now, and audited as the caller on the phone.
    assertThat(redis.command("GET civicline:{t:lakeside}:vm:msg:" + messageId))
        .contains("\"status\":\"heard\"");
    JsonArray audit = admin.get(L + "/audit").items();
    assertThat(audit.stream().map(JsonObject.class::cast))
        .anySatisfy(
            e -> {
              assertThat(e.getString("action")).isEqualTo("mark-heard");
              assertThat(e.getJsonObject("actor").getString("id"))
                  .isEqualTo("phone:" + CLERK_PHONE);
            });

    CallTranscript second = callIn("200", PIN, "7");
    assertThat(second.heardTexts())
        .contains("You have 1 saved message.", "Message deleted.", "No more messages. Goodbye.");
    assertThat(redis.command("ZCARD " + BOX)).isEqualTo(":0");
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:vm:msg:" + messageId)).isEqualTo(":0");
    assertThat(fetch(url.replaceAll("exp=[0-9]+&sig=[^&]+", "")).statusCode()).isEqualTo(403);
  }

  @Test
  void fiveWrongPinsLockTheMailboxAndTheRightPinThenSoundsWrongToo() {
    leaveVoicemail();
    String refused = "That mailbox and PIN do not match.";

    CallTranscript first = callIn("200", "111111", "200", "222222", "200", "333333");
    assertThat(first.heardTexts()).filteredOn(refused::equals).hasSize(3);
    assertThat(first.heardTexts()).last().isEqualTo("Goodbye.");

    CallTranscript second = callIn("200", "444444", "200", "555555", "200", PIN);
    assertThat(second.heardTexts()).filteredOn(refused::equals).hasSize(3);
    assertThat(second.heardTexts()).doesNotContain("You have 1 new message.");
    assertThat(second.playedUrls()).isEmpty();

    JsonArray audit = admin.get(L + "/audit").items();
    assertThat(audit.stream().map(JsonObject.class::cast))
        .anySatisfy(
            e -> {
              assertThat(e.getString("action")).isEqualTo("pin-lockout");
              assertThat(e.getString("resource")).isEqualTo("mailboxes/department-clerk");
            });
    // Still new: nobody got in.
    assertThat(redis.command("ZCARD " + BOX)).isEqualTo(":1");
  }
}
