package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.store.Actor;
import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Voicemails;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.twilio.CallTranscript;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.pin.PinHasher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff working through voicemail over real HTTP: a resident leaves a message through the Twilio
 * stand-in, and staff list it, play it (whole and in byte ranges), mark it heard, assign it, handle
 * it and forward it, while the message-waiting counts follow; a damaged recording is refused, PINs
 * are checked and never shown, and legal holds stop deletion.
 */
@ExtendWith(RedisExtension.class)
class VoicemailApiTest {
  static final String SID = "AC" + "0123456789abcdef".repeat(2);
  static final String TOKEN = "demo-auth-token-0123456789abcdef";
  static final String MAIN = "+12695550100";
  static final String RESIDENT = "+12075550123";
  static final String L = "/api/v1/tenants/lakeside";
  static final String CLERK = L + "/mailboxes/department-clerk";
  static final String TREASURER = L + "/mailboxes/department-treasurer";
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");
  static final Actor TEST = new Actor("test", "Test");

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private RunningServer server;
  private Api admin;
  private Voicemails voicemails;

  VoicemailApiTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(SID, TOKEN);
    server =
        RunningServer.withTwilio(redis, dir, new TestClock(TUESDAY_MORNING), twilio, SID, TOKEN);
    admin = server.platformAdmin();
    voicemails = Voicemails.open(redis, dir);
  }

  @AfterEach
  void stop() {
    voicemails.close();
    server.close();
    twilio.close();
  }

  /** A resident calls the Clerk, nobody answers, and they leave a message of five seconds. */
  private String leaveThroughTheStandIn() {
    CallTranscript call =
        twilio.call(
            server.voiceUrl(),
            RESIDENT,
            MAIN,
            CallerScript.pressing("1", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(5)
                .statusCallback(server.voiceUrl() + "/status"));
    assertThat(call.recordingSids()).hasSize(1);
    JsonArray items = new JsonArray();
    for (int attempt = 0; attempt < 50 && items.isEmpty(); attempt++) {
      items = admin.get(CLERK + "/messages").items();
      if (items.isEmpty()) {
        sleep(100);
      }
    }
    assertThat(items).hasSize(1);
    return items.getJsonObject(0).getString("id");
  }

  @Test
  void aVoicemailLeftByPhoneIsListedPlayedAndHandled() {
    String id = leaveThroughTheStandIn();
    String message = CLERK + "/messages/" + id;

    JsonObject listed = admin.get(CLERK + "/messages?status=new").items().getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(id);
    assertThat(listed.getString("status")).isEqualTo("new");
    assertThat(listed.getString("mailbox")).isEqualTo("department:clerk");
    assertThat(listed.getString("from")).isEqualTo(RESIDENT);
    assertThat(listed.getInteger("seconds")).isEqualTo(5);
    assertThat(listed.containsKey("recordingKey")).isFalse();
    assertThat(waiting()).containsEntry("department:clerk", 1L);

    // the whole recording, exactly as stored
    byte[] stored = voicemails.stored("lakeside", id);
    Api.Bytes whole = admin.getBytes(message + "/audio");
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(stored);
    assertThat(whole.header("Content-Type")).hasValue("audio/wav");
    assertThat(whole.header("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.header("ETag")).hasValue("\"" + listed.getString("sha256") + "\"");
    int size = stored.length;

    // byte ranges: a-b, a-, -n, a range past the end (clamped)
    assertRange(message, "bytes=0-43", stored, 0, 43);
    assertRange(message, "bytes=100-199", stored, 100, 199);
    assertRange(message, "bytes=" + (size - 1000) + "-", stored, size - 1000, size - 1);
    assertRange(message, "bytes=-10", stored, size - 10, size - 1);
    assertRange(message, "bytes=" + (size - 5) + "-" + (size + 500), stored, size - 5, size - 1);
    assertThat(
            new String(
                Arrays.copyOfRange(stored, 0, 4), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("RIFF");
    Api.Bytes unsatisfiable = admin.getBytes(message + "/audio", "Range", "bytes=" + size + "-");
    assertThat(unsatisfiable.status()).isEqualTo(416);
    assertThat(unsatisfiable.header("Content-Range")).hasValue("bytes */" + size);
    assertThat(admin.getBytes(message + "/audio", "Range", "bytes=-0").status()).isEqualTo(416);
    // a range over a changed recording (If-Range) or in a form not understood: the whole file
    assertThat(
            admin
                .getBytes(message + "/audio", "Range", "bytes=0-9", "If-Range", "\"other\"")
                .body())
        .isEqualTo(stored);
    assertThat(admin.getBytes(message + "/audio", "Range", "bytes=0-1,5-9").body())
        .isEqualTo(stored);
    assertThat(admin.getBytes(message + "/audio", "Range", "bytes=9-0").status()).isEqualTo(200);

    // every play is audited, with what was served
    List<JsonObject> plays = audit("play");
    assertThat(plays).hasSize(9);
    assertThat(plays)
        .extracting(e -> e.getJsonObject("after").getString("range"))
        .contains(
            "full",
            "bytes 100-199/" + size,
            "bytes " + (size - 10) + "-" + (size - 1) + "/" + size);
    assertThat(plays)
        .allSatisfy(e -> assertThat(e.getString("resource")).isEqualTo("voicemail/" + id));

    // heard: leaves the new filter and the waiting count
    Api.Response heard = admin.post(message + "/heard", new JsonObject());
    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.json().getString("status")).isEqualTo("heard");
    assertThat(heard.etag()).isEqualTo("\"2\"");
    assertThat(admin.get(CLERK + "/messages?status=new").items()).isEmpty();
    assertThat(ids(CLERK + "/messages?status=heard")).containsExactly(id);
    assertThat(waiting()).containsEntry("department:clerk", 0L);

    // assigned, with a stale If-Match refused
    JsonObject toLinh = new JsonObject().put("staffId", "linh-nguyen");
    assertThat(admin.call("POST", message + "/assign", toLinh, "\"1\"").status()).isEqualTo(412);
    assertThat(admin.call("POST", message + "/assign", toLinh, "\"2\"").status()).isEqualTo(200);
    assertThat(ids(CLERK + "/messages?assignedTo=linh-nguyen")).containsExactly(id);
    assertThat(admin.get(CLERK + "/messages?assignedTo=rob-miller").items()).isEmpty();

    // handled, with a note
    Api.Response handled =
        admin.post(message + "/handled", new JsonObject().put("note", "Called back."));
    assertThat(handled.json().getString("status")).isEqualTo("handled");
    assertThat(handled.json().getString("note")).isEqualTo("Called back.");
    assertThat(handled.json().getString("handledAt")).isEqualTo(TUESDAY_MORNING.toString());
    assertThat(ids(CLERK + "/messages?status=handled&assignedTo=linh-nguyen")).containsExactly(id);
    assertThat(admin.get(CLERK + "/messages?status=heard").items()).isEmpty();

    assertThat(audit("mark-heard")).hasSize(1);
    assertThat(audit("assign")).hasSize(1);
    assertThat(audit("mark-handled"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getJsonObject("after").getString("note")).isEqualTo("Called back."));
  }

  @Test
  void forwardingMovesAMessageToAnotherMailboxWhereItIsNew() {
    String id = leaveThroughTheStandIn();
    assertThat(admin.post(CLERK + "/messages/" + id + "/heard", new JsonObject()).status())
        .isEqualTo(200);

    Api.Response forwarded =
        admin.post(
            CLERK + "/messages/" + id + "/forward",
            new JsonObject().put("mailbox", "department:treasurer"));
    assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(200);
    assertThat(forwarded.json().getString("mailbox")).isEqualTo("department:treasurer");

    assertThat(admin.get(CLERK + "/messages").items()).isEmpty();
    assertThat(admin.get(CLERK + "/messages/" + id).status()).isEqualTo(404);
    assertThat(ids(TREASURER + "/messages?status=new")).containsExactly(id);
    assertThat(admin.getBytes(TREASURER + "/messages/" + id + "/audio").body())
        .isEqualTo(voicemails.stored("lakeside", id));
    assertThat(waiting())
        .containsEntry("department:clerk", 0L)
        .containsEntry("department:treasurer", 1L);
    assertThat(audit("forward")).hasSize(1);

    // to a mailbox of nothing that exists, or to where it is: refused
    for (String target : List.of("department:nowhere", "staff:nobody", "department:treasurer")) {
      Api.Response refused =
          admin.post(
              TREASURER + "/messages/" + id + "/forward", new JsonObject().put("mailbox", target));
      assertThat(refused.status()).as(target).isEqualTo(422);
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("#/mailbox");
    }
    // and to a staff member's mailbox, by its id form
    assertThat(
            admin
                .post(
                    TREASURER + "/messages/" + id + "/forward",
                    new JsonObject().put("mailbox", "staff-maria-gonzalez"))
                .json()
                .getString("mailbox"))
        .isEqualTo("staff:maria-gonzalez");
    assertThat(ids(L + "/mailboxes/staff-maria-gonzalez/messages")).containsExactly(id);
  }

  @Test
  void aDamagedRecordingIsRefusedAuditedAndBreaksNothingElse() throws IOException {
    Instant at = TUESDAY_MORNING.minusSeconds(60);
    String good = voicemails.leave("lakeside", "department:clerk", "test:good", 3, at);
    String bad = voicemails.leave("lakeside", "department:clerk", "test:bad", 3, at.plusSeconds(1));
    Path file = voicemails.file("lakeside", bad);
    byte[] original = Files.readAllBytes(file);
    byte[] damaged = original.clone();
    damaged[500] ^= 0x5a;
    Files.write(file, damaged, StandardOpenOption.TRUNCATE_EXISTING);

    Api.Response refused = admin.get(CLERK + "/messages/" + bad + "/audio");
    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().getString("type"))
        .isEqualTo("urn:civicline:problem:recording-corrupt");
    assertThat(admin.getBytes(CLERK + "/messages/" + bad + "/audio", "Range", "bytes=0-9").status())
        .isEqualTo(500);
    assertThat(audit("play-refused")).hasSize(2);
    assertThat(audit("play")).isEmpty();

    // the message itself, its neighbour and the mailbox still work
    assertThat(admin.get(CLERK + "/messages/" + bad).json().getString("status")).isEqualTo("new");
    assertThat(admin.post(CLERK + "/messages/" + bad + "/heard", new JsonObject()).status())
        .isEqualTo(200);
    assertThat(admin.getBytes(CLERK + "/messages/" + good + "/audio").body())
        .isEqualTo(voicemails.stored("lakeside", good));
    assertThat(ids(CLERK + "/messages")).containsExactly(bad, good);
    assertThat(admin.get("/health/ready").status()).isEqualTo(200);

    // repaired, it plays again
    Files.write(file, original, StandardOpenOption.TRUNCATE_EXISTING);
    assertThat(admin.getBytes(CLERK + "/messages/" + bad + "/audio").body()).isEqualTo(original);
  }

  @Test
  void pinRulesAreEnforcedAndTheHashIsNeverShown() {
    JsonObject mailbox =
        new JsonObject()
            .put("id", "department-clerk")
            .put("name", "Clerk")
            .put("greetings", new JsonObject().put("en", new JsonObject().put("text", "Hello.")))
            .put("notify", new JsonArray().add("maria-gonzalez").add("clerk@lakeside.example"));
    Api.Response created = admin.post(L + "/mailboxes", mailbox);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getBoolean("pinSet")).isFalse();
    assertThat(created.json().getInteger("maxMessageSeconds")).isEqualTo(120);

    for (Object pin :
        List.of("123456", "111111", "12345", "12ab56", "121212", "147258", "", 492817)) {
      Api.Response refused = admin.put(CLERK + "/pin", new JsonObject().put("pin", pin), null);
      assertThat(refused.status()).as(pin + ": " + refused).isEqualTo(422);
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("#/pin");
    }
    assertThat(voicemails.pinHash("lakeside", "department:clerk")).isEmpty();

    Api.Response set = admin.put(CLERK + "/pin", new JsonObject().put("pin", "492817"), null);
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().getBoolean("pinSet")).isTrue();
    assertThat(set.json().getString("pinChangedAt")).isEqualTo(TUESDAY_MORNING.toString());
    String hash = voicemails.pinHash("lakeside", "department:clerk").orElseThrow();
    assertThat(new PinHasher().verify("492817", hash)).isTrue();

    // a replace keeps the PIN state whatever the client sends
    Api.Response read = admin.get(CLERK);
    JsonObject edit = read.json().put("name", "Clerk's office").put("pinSet", false);
    Api.Response replaced = admin.put(CLERK, edit, read.etag());
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().getBoolean("pinSet")).isTrue();
    assertThat(admin.put(CLERK + "/pin", new JsonObject().put("pin", "583920"), null).status())
        .isEqualTo(200);
    String changed = voicemails.pinHash("lakeside", "department:clerk").orElseThrow();
    assertThat(changed).isNotEqualTo(hash);

    String seen =
        admin.get(CLERK).body()
            + admin.get(L + "/mailboxes").body()
            + admin.get(L + "/audit?limit=200").body()
            + admin.get("/api/v1/audit?limit=200").body();
    String salt = hash.split("\\$")[2];
    assertThat(seen).doesNotContain(hash, changed, salt, "pbkdf2", "492817", "583920");
    assertThat(
            admin.get(L + "/audit?limit=200").items().stream()
                .map(e -> ((JsonObject) e).getString("resource")))
        .contains("mailboxes/department-clerk");
  }

  @Test
  void legalHoldsBlockDeletion() {
    Instant at = TUESDAY_MORNING.minusSeconds(60);
    String id = voicemails.leave("lakeside", "department:clerk", "test:held", 2, at);
    String other = voicemails.leave("lakeside", "department:clerk", "test:held-2", 2, at);
    JsonObject mailbox =
        new JsonObject().put("id", "department-clerk").put("name", "Clerk").put("legalHold", true);
    assertThat(admin.post(L + "/mailboxes", mailbox).status()).isEqualTo(201);

    // the mailbox is held: nothing in it can be deleted, and it cannot be deleted itself
    assertThat(delete(id)).isFalse();
    assertThat(voicemails.message("lakeside", id)).isPresent();
    assertThat(admin.delete(CLERK).status()).isEqualTo(409);

    // one message held on its own
    Api.Response held = admin.post(CLERK + "/messages/" + id + "/hold", new JsonObject());
    assertThat(held.json().getBoolean("legalHold")).isTrue();
    Api.Response read = admin.get(CLERK);
    assertThat(admin.put(CLERK, read.json().put("legalHold", false), read.etag()).status())
        .isEqualTo(200);
    assertThat(delete(id)).isFalse();
    assertThat(delete(other)).isTrue();

    // released
    assertThat(admin.delete(CLERK + "/messages/" + id + "/hold").json().getBoolean("legalHold"))
        .isFalse();
    assertThat(audit("hold")).hasSize(1);
    assertThat(audit("release-hold")).hasSize(1);
    assertThat(delete(id)).isTrue();
    assertThat(admin.get(CLERK + "/messages").items()).isEmpty();
    assertThat(admin.delete(CLERK).status()).isEqualTo(204);
  }

  @Test
  void unknownMailboxesAndMessagesAreNotFound() {
    String id = voicemails.leave("lakeside", "department:clerk", "test:x", 2, TUESDAY_MORNING);
    assertThat(admin.get(L + "/mailboxes/department-nowhere/messages").status()).isEqualTo(404);
    assertThat(admin.get(L + "/mailboxes/clerk/messages").status()).isEqualTo(404);
    assertThat(admin.get(TREASURER + "/messages/" + id).status()).isEqualTo(404);
    assertThat(admin.get(CLERK + "/messages/" + id + "x").status()).isEqualTo(404);
    assertThat(
            admin
                .post(
                    L + "/mailboxes",
                    new JsonObject().put("id", "department-nowhere").put("name", "x"))
                .status())
        .isEqualTo(422);
  }

  private boolean delete(String id) {
    VoicemailMessage message = voicemails.message("lakeside", id).orElseThrow();
    return Voicemails.await(voicemails.messages().delete("lakeside", message, TEST, "test"));
  }

  private void assertRange(String message, String range, byte[] stored, int first, int last) {
    Api.Bytes part = admin.getBytes(message + "/audio", "Range", range);
    assertThat(part.status()).as(range).isEqualTo(206);
    assertThat(part.body()).as(range).isEqualTo(Arrays.copyOfRange(stored, first, last + 1));
    assertThat(part.header("Content-Range"))
        .hasValue("bytes " + first + "-" + last + "/" + stored.length);
    assertThat(part.header("Content-Length")).hasValue(String.valueOf(last - first + 1));
  }

  private List<String> ids(String path) {
    return admin.get(path).items().stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  private Map<String, Long> waiting() {
    return admin.get(L + "/mailboxes/waiting").items().stream()
        .map(o -> (JsonObject) o)
        .collect(Collectors.toMap(o -> o.getString("mailbox"), o -> o.getLong("new")));
  }

  private List<JsonObject> audit(String action) {
    return admin.get(L + "/audit?limit=200").items().stream()
        .map(o -> (JsonObject) o)
        .filter(e -> action.equals(e.getString("action")))
        .toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
