package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.Greetings;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.audio.AudioFormat;
import io.civicline.voicemail.audio.AudioInfo;
import io.civicline.voicemail.audio.WavFile;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded mailbox greetings over real HTTP: uploads in the formats towns have are stored as 8 kHz
 * mono μ-law WAV and shown in the mailbox; bad uploads get a precise problem and change nothing;
 * the stored audio plays back verified, in ranges; removing it falls back to the text greeting.
 */
@ExtendWith(RedisExtension.class)
class GreetingApiTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String CLERK = L + "/mailboxes/department-clerk";
  static final String EN = CLERK + "/greetings/en";

  @TempDir Path dir;
  private RunningServer server;
  private Api admin;

  @BeforeEach
  void start(RedisServer redis) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, true);
    admin = server.platformAdmin();
    JsonObject mailbox =
        new JsonObject()
            .put("id", "department-clerk")
            .put("name", "Clerk's voicemail")
            .put(
                "greetings",
                new JsonObject().put("en", new JsonObject().put("text", "You reached the clerk.")));
    assertThat(admin.post(L + "/mailboxes", mailbox).status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStereoCdQualityWavIsStoredAsTelephoneAudioOfTheSameLength() {
    byte[] upload = Greetings.wav(44_100, 2, 3.0, 16000);
    assertThat(upload.length).isGreaterThan(64 * 1024); // above the API-wide body limit

    Api.Response put = admin.putBytes(EN, upload, "audio/wav", null);

    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    JsonObject greeting = put.json().getJsonObject("greetings").getJsonObject("en");
    assertThat(greeting.getString("text")).isEqualTo("You reached the clerk.");
    JsonObject audio = greeting.getJsonObject("audio");
    assertThat(audio.getDouble("seconds")).isEqualTo(3.0);
    assertThat(audio.getString("uploadedAt")).isNotBlank();
    assertThat(put.etag()).isEqualTo("\"2\"");

    // the mailbox shows it
    JsonObject mailbox = admin.get(CLERK).json();
    assertThat(mailbox.getJsonObject("greetings").getJsonObject("en").getJsonObject("audio"))
        .isEqualTo(audio);

    // and it plays back as 8 kHz mono μ-law, the same length, matching its checksum
    Api.Bytes played = admin.getBytes(EN);
    assertThat(played.status()).isEqualTo(200);
    assertThat(played.header("Content-Type")).contains("audio/wav");
    assertThat(played.header("ETag")).contains("\"" + audio.getString("sha256") + "\"");
    assertThat(sha256(played.body())).isEqualTo(audio.getString("sha256"));
    AudioInfo info = WavFile.parse(played.body()).info();
    assertThat(info.format()).isEqualTo(AudioFormat.MU_LAW);
    assertThat(info.sampleRate()).isEqualTo(8000);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.duration()).isEqualTo(Duration.ofSeconds(3));

    // in ranges too
    Api.Bytes part = admin.getBytes(EN, "Range", "bytes=0-43");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).hasSize(44);
    assertThat(part.header("Content-Range")).contains("bytes 0-43/" + played.body().length);
    assertThat(admin.getBytes(EN, "Range", "bytes=99999999-").status()).isEqualTo(416);

    // the change is audited, without the audio
    List<JsonObject> audit = audit();
    JsonObject latest = audit.get(0);
    assertThat(latest.getString("resource")).contains("department-clerk");
    assertThat(latest.encode()).contains(audio.getString("sha256"));
    assertThat(latest.encode().length()).isLessThan(4000);
  }

  @Test
  void rawMuLawIsAccepted() {
    Api.Response put =
        admin.putBytes(CLERK + "/greetings/es", Greetings.rawMuLaw(2.0), "audio/basic", null);

    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    JsonObject es = put.json().getJsonObject("greetings").getJsonObject("es");
    assertThat(es.containsKey("text")).isFalse();
    assertThat(es.getJsonObject("audio").getDouble("seconds")).isEqualTo(2.0);
    Api.Bytes played = admin.getBytes(CLERK + "/greetings/es");
    assertThat(WavFile.parse(played.body()).info().duration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badUploadsGetAPreciseProblemAndChangeNothing() {
    String before = admin.get(CLERK).body();

    refused(
        admin.putBytes(EN, Greetings.wav(8000, 1, 121, 16000), "audio/wav", null),
        422,
        "the greeting is too long");
    refused(
        admin.putBytes(EN, Greetings.wav(8000, 1, 2, 0), "audio/wav", null),
        422,
        "the greeting is silent");
    refused(admin.putBytes(EN, "just some text, not audio".getBytes(), "audio/wav", null), 422, "");
    refused(admin.putBytes(EN, new byte[0], "audio/wav", null), 422, "the greeting file is empty");
    refused(
        admin.putBytes(EN, Greetings.small(), "application/octet-stream", null), 415, "audio/wav");
    refused(admin.putBytes(EN, Greetings.small(), null, null), 415, "no Content-Type");
    refused(
        admin.putBytes(CLERK + "/greetings/fr", Greetings.small(), "audio/wav", null),
        422,
        "'fr' is not one of the town's languages [en, es]");
    refused(
        admin.putBytes(
            L + "/mailboxes/department-treasurer/greetings/en",
            Greetings.small(),
            "audio/wav",
            null),
        404,
        "has no settings yet");
    refused(
        admin.putBytes(
            "/api/v1/tenants/atlantis/mailboxes/department-clerk/greetings/en",
            Greetings.small(),
            "audio/wav",
            null),
        404,
        "no tenant");
    refused(admin.putBytes(EN, Greetings.small(), "audio/wav", "\"9\""), 412, "");
    // bigger than any greeting may be: refused before it is read
    refused(admin.putBytes(EN, new byte[10 * 1024 * 1024 + 1], "audio/wav", null), 413, "");

    assertThat(admin.get(CLERK).body()).isEqualTo(before);
    assertThat(admin.getBytes(EN).status()).isEqualTo(404);
    // the invalid upload's problem points at the body
    Api.Response tooLong =
        admin.putBytes(EN, Greetings.wav(8000, 1, 121, 16000), "audio/wav", null);
    assertThat(tooLong.contentType()).isEqualTo("application/problem+json");
    assertThat(tooLong.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#");
  }

  @Test
  void clientsCannotSetTheRecordingThemselvesButMaySendItBack() {
    JsonObject fake =
        new JsonObject()
            .put("sha256", "0".repeat(64))
            .put("seconds", 3)
            .put("uploadedAt", "2026-01-01T00:00:00Z");
    Api.Response read = admin.get(CLERK);
    JsonObject forged = read.json();
    forged.getJsonObject("greetings").getJsonObject("en").put("audio", fake);
    Api.Response refused = admin.put(CLERK, forged, read.etag());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/greetings/en/audio");

    JsonObject created = new JsonObject().put("id", "department-treasurer").put("name", "T");
    created.put("greetings", new JsonObject().put("en", new JsonObject().put("audio", fake)));
    assertThat(admin.post(L + "/mailboxes", created).status()).isEqualTo(422);

    Api.Response uploaded = admin.putBytes(EN, Greetings.small(), "audio/x-wav", null);
    assertThat(uploaded.status()).isEqualTo(200);
    // sent back unchanged, or left out, the recording stays
    JsonObject same = uploaded.json().put("name", "Clerk");
    Api.Response kept = admin.put(CLERK, same, uploaded.etag());
    assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
    JsonObject withoutGreetings = kept.json().put("greetings", new JsonObject());
    Api.Response stillKept = admin.put(CLERK, withoutGreetings, kept.etag());
    assertThat(stillKept.status()).as(stillKept.toString()).isEqualTo(200);
    assertThat(stillKept.json().getJsonObject("greetings").getJsonObject("en").containsKey("audio"))
        .isTrue();
    assertThat(admin.getBytes(EN).status()).isEqualTo(200);
  }

  @Test
  void replacingAndRemovingAGreeting() {
    JsonObject first =
        admin.putBytes(EN, Greetings.small(), "audio/wave", null).json().getJsonObject("greetings");
    Api.Response second =
        admin.putBytes(EN, Greetings.wav(16_000, 1, 2.5, 12000), "audio/wav", null);
    assertThat(second.status()).isEqualTo(200);
    JsonObject audio =
        second.json().getJsonObject("greetings").getJsonObject("en").getJsonObject("audio");
    assertThat(audio.getString("sha256"))
        .isNotEqualTo(first.getJsonObject("en").getJsonObject("audio").getString("sha256"));
    assertThat(sha256(admin.getBytes(EN).body())).isEqualTo(audio.getString("sha256"));

    Api.Response removed = admin.delete(EN);
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(removed.json().getJsonObject("greetings").getJsonObject("en"))
        .isEqualTo(new JsonObject().put("text", "You reached the clerk."));
    assertThat(admin.getBytes(EN).status()).isEqualTo(404);
    assertThat(admin.delete(EN).status()).isEqualTo(404);

    // a recording-only language disappears with its recording
    admin.putBytes(CLERK + "/greetings/es", Greetings.small(), "audio/wav", null);
    Api.Response gone = admin.delete(CLERK + "/greetings/es");
    assertThat(gone.json().getJsonObject("greetings").containsKey("es")).isFalse();
  }

  private static void refused(Api.Response response, int status, String detail) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().getString("detail")).contains(detail);
  }

  private List<JsonObject> audit() {
    return admin.get(L + "/audit?limit=20").items().stream().map(o -> (JsonObject) o).toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
