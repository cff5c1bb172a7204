package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Voicemails;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public Works' inbox in the staff app against the real server, Redis and Twilio stand-in: a
 * voicemail and a resident's text (with a photo) in one list; Jim takes the thread, notes and
 * closes it, finds it again by its note; Maria, of the clerk's office, sees none of it.
 */
@ExtendWith(RedisExtension.class)
class StaffInboxEndToEndTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String PASSWORD = "ledger-harbor-42-maple";
  static final byte[] PHOTO = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, (byte) 0xd9};

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private RunningServer server;
  private Api admin;
  private final HttpClient http = HttpClient.newHttpClient();

  StaffInboxEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
    server =
        RunningServer.withTwilioAndAsterisk(
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

  private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
    return http.send(
        request.header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  private String signIn(String staffId) throws Exception {
    admin.put(
        L + "/staff/" + staffId + "/password", new JsonObject().put("password", PASSWORD), null);
    String email = admin.get(L + "/staff/" + staffId).json().getString("email");
    HttpResponse<String> signedIn =
        http.send(
            at("/api/v1/staff/auth/sign-in")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put("tenant", "lakeside")
                            .put("email", email)
                            .put("password", PASSWORD)
                            .encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    return new JsonObject(signedIn.body()).getString("accessToken");
  }

  private HttpResponse<String> inbox(String query, String token) throws Exception {
    return send(at("/api/v1/staff/inbox?department=public-works" + query).GET(), token);
  }

  private static List<String> kinds(HttpResponse<String> page) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return new JsonObject(page.body())
        .getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("kind")).toList();
  }

  private HttpResponse<String> patch(String path, JsonObject body, String etag, String token)
      throws Exception {
    return send(
        at(path)
            .header("Content-Type", "application/json")
            .header("If-Match", etag)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())),
        token);
  }

  @Test
  void aVoicemailAndATextShareTheInboxAndJimHandlesTheThread() throws Exception {
    JsonObject rules =
        new JsonObject()
            .put("defaultDepartment", "clerk")
            .put(
                "keywords",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("department", "public-works")
                            .put(
                                "words",
                                new JsonObject().put("en", new JsonArray().add("pothole")))));
    assertThat(admin.put(L + "/sms-rules", rules, null).status()).isEqualTo(200);
    try (Voicemails voicemails = Voicemails.open(redis, dir)) {
      voicemails.leave(
          "lakeside",
          "department:public-works",
          "test:inbox-1",
          3,
          TwilioVoiceEndToEndTest.TUESDAY_MORNING.minusSeconds(600));
    }
    twilio.text(
        "http://127.0.0.1:" + server.port() + "/twilio/sms",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        "pothole on Main St, photo attached",
        new TwilioStandIn.Media("image/jpeg", PHOTO));
    String jim = signIn("jim-oconnor");
    String maria = signIn("maria-gonzalez");

    // Newest activity first: the text came after the voicemail.
    assertThat(kinds(inbox("", jim))).containsExactly("text-thread", "voicemail");
    JsonObject thread =
        new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(0);
    assertThat(thread.getString("from")).isEqualTo(TwilioVoiceEndToEndTest.RESIDENT);
    assertThat(thread.getBoolean("unread")).isTrue();
    String item = "/api/v1/staff/inbox/items/text-thread/" + thread.getString("id");

    HttpResponse<String> taken =
        patch(
            item,
            new JsonObject().put("assignedTo", "me").put("note", "Crew booked for Thursday"),
            "\"" + thread.getLong("version") + "\"",
            jim);
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    String etag = taken.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> handled =
        patch(item, new JsonObject().put("status", "handled"), etag, jim);
    assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
    assertThat(new JsonObject(handled.body()).getString("assignedTo")).isEqualTo("jim-oconnor");
    // Acting on what was read before: refused.
    assertThat(patch(item, new JsonObject().put("status", "open"), etag, jim).statusCode())
        .isEqualTo(412);

    assertThat(kinds(inbox("", jim))).containsExactly("voicemail");
    String search = "&status=all&q=" + URLEncoder.encode("crew BOOKED", StandardCharsets.UTF_8);
    assertThat(kinds(inbox(search, jim))).containsExactly("text-thread");
    assertThat(kinds(inbox("&status=handled&assignedTo=me", jim))).containsExactly("text-thread");
    // The change is in the town's audit trail, by Jim.
    assertThat(admin.get(L + "/audit?limit=50").body())
        .contains("sms-threads/" + thread.getString("id"))
        .contains("staff:jim-oconnor");

    assertThat(inbox("", maria).statusCode()).isEqualTo(403);
    assertThat(patch(item, new JsonObject().put("note", "mine"), etag, maria).statusCode())
        .isEqualTo(403);

    // The photo, downloaded through the staff API with its bytes intact.
    HttpResponse<String> messages =
        send(at("/api/v1/staff/texts/threads/" + thread.getString("id") + "/messages").GET(), jim);
    JsonObject media =
        new JsonObject(messages.body())
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonArray("media")
            .getJsonObject(0);
    assertThat(media.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(media.getLong("bytes")).isEqualTo(PHOTO.length);
    assertThat(media.containsKey("key")).isFalse();
    String download =
        "/api/v1/staff/texts/threads/" + thread.getString("id") + "/media/" + media.getString("id");
    HttpResponse<byte[]> photo =
        http.send(
            at(download).header("Authorization", "Bearer " + jim).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(photo.body()).isEqualTo(PHOTO);
    assertThat(send(at(download).GET(), maria).statusCode()).isEqualTo(403);

    // A new text from the resident reopens the thread: they expect an answer.
    twilio.text(
        "http://127.0.0.1:" + server.port() + "/twilio/sms",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        "still there");
    for (int i = 0; i < 250 && kinds(inbox("", jim)).size() < 2; i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(kinds(inbox("", jim))).containsExactly("text-thread", "voicemail");

    // The voicemail plays in the app (a WAV), and is no longer new.
    JsonObject voicemail =
        new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(1);
    assertThat(voicemail.getBoolean("unread")).isTrue();
    HttpResponse<byte[]> wav =
        http.send(
            at(voicemail.getJsonObject("details").getString("audio"))
                .header("Authorization", "Bearer " + jim)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(wav.statusCode()).isEqualTo(200);
    assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    JsonObject after = new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(1);
    assertThat(after.getBoolean("unread")).isFalse();
  }
}
