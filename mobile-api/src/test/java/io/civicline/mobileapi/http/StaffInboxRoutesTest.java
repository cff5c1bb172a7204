package io.civicline.mobileapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.mobileapi.texts.TextAttachments;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The department inbox through HTTP: voicemail and text threads merged newest first and paged
 * exactly, filtered and searched; items assigned within the department only, changed at their
 * version; audio and attachments for members only. Jim and Ann are in Public Works, Maria in the
 * clerk's office.
 */
@ExtendWith(RedisExtension.class)
class StaffInboxRoutesTest {
  static final String PASSWORD = "ledger-harbor-42-maple";
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final String INBOX = "/api/v1/staff/inbox";

  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;
  private String jim;
  private String maria;

  StaffInboxRoutesTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    http = server.http;
    jim = member("jim", "public-works");
    member("ann", "public-works");
    maria = member("maria", "clerk");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String member(String id, String department) {
    String email = id + "@lakeside.example";
    server.addStaff("lakeside", id, email, List.of("agent"), List.of(department));
    server.setPassword("lakeside", id, PASSWORD);
    return http.post(
            StaffAuthRoutes.SIGN_IN,
            new JsonObject()
                .put("tenant", "lakeside")
                .put("email", email)
                .put("password", PASSWORD))
        .json()
        .getString("accessToken");
  }

  private List<String> ids(String query, String token) {
    Http.Response page = http.get(INBOX + "?department=public-works" + query, token);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return ids(page.json());
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("id"))
        .collect(Collectors.toList());
  }

  @Test
  void voicemailsAndThreadsAreOneListNewestFirstPagedWithoutGapsOrRepeats() {
    // Two items in the same millisecond: the id orders them.
    server.voicemail.add("lakeside", "vm-a", "public-works", "+12075550001", "leak", T0);
    server.threads.add("lakeside", "pw.1", "public-works", "+12075550002", "pothole", T0);
    server.voicemail.add(
        "lakeside", "vm-b", "public-works", "+12075550003", "tree", T0.plusSeconds(60));
    server.threads.add(
        "lakeside", "pw.2", "public-works", "+12075550004", "snow", T0.plusSeconds(30));
    server.voicemail.add("lakeside", "vm-c", "clerk", "+12075550005", "license", T0);

    assertThat(ids("", jim)).containsExactly("vm-b", "pw.2", "vm-a", "pw.1");
    JsonObject first = http.get(INBOX + "?department=public-works&limit=3", jim).json();
    assertThat(ids(first)).containsExactly("vm-b", "pw.2", "vm-a");
    JsonObject second =
        http.get(INBOX + "?department=public-works&limit=3&cursor=" + first.getString("next"), jim)
            .json();
    assertThat(ids(second)).containsExactly("pw.1");
    assertThat(second.getValue("next")).isNull();

    JsonObject voicemail = first.getJsonArray("items").getJsonObject(0);
    assertThat(voicemail.getString("kind")).isEqualTo("voicemail");
    assertThat(voicemail.getJsonObject("details").getString("audio"))
        .isEqualTo(INBOX + "/items/voicemail/vm-b/audio");
  }

  @Test
  void anItemIsAssignedNotedHandledAndFoundByItsNote() {
    server.threads.add("lakeside", "pw.1", "public-works", "+12075550002", "pothole", T0);
    server.voicemail.add("lakeside", "vm-a", "public-works", "+12075550001", "leak", T0);
    String thread = INBOX + "/items/text-thread/pw.1";

    Http.Response assigned =
        http.patch(
            thread,
            new JsonObject().put("assignedTo", "me").put("note", "Crew sent to Elm St"),
            "\"1\"",
            jim);
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.header("ETag")).contains("\"2\"");
    assertThat(assigned.json().getString("assignedTo")).isEqualTo("jim");

    assertThat(ids("&assignedTo=me", jim)).containsExactly("pw.1");
    assertThat(ids("&assignedTo=nobody", jim)).containsExactly("vm-a");
    assertThat(ids("&q=elm%20st", jim)).containsExactly("pw.1");
    assertThat(ids("&q=207-555-0001", jim)).containsExactly("vm-a");

    // Ann acts on the version she read before Jim's change: refused, nothing lost.
    Http.Response stale =
        http.patch(thread, new JsonObject().put("status", "handled"), "\"1\"", jim);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getString("type")).isEqualTo("urn:civicline:problem:version-mismatch");

    Http.Response handled =
        http.patch(thread, new JsonObject().put("status", "handled"), "\"2\"", jim);
    assertThat(handled.json().getString("status")).isEqualTo("handled");
    assertThat(ids("", jim)).containsExactly("vm-a");
    assertThat(ids("&status=handled", jim)).containsExactly("pw.1");
    assertThat(ids("&status=all&q=ELM", jim)).containsExactly("pw.1");
  }

  @Test
  void changesAreAnnouncedToTheDepartmentAndTheNewAssignee() {
    server.voicemail.add("lakeside", "vm-a", "public-works", "+12075550001", "leak", T0);
    String voicemail = INBOX + "/items/voicemail/vm-a";

    assertThat(http.patch(voicemail, new JsonObject().put("assignedTo", "ann"), null, jim).status())
        .isEqualTo(200);
    assertThat(http.patch(voicemail, new JsonObject().put("note", "x"), null, jim).status())
        .isEqualTo(200);

    List<io.civicline.mobileapi.events.StaffEventLog.Entry> log =
        io.civicline.core.testing.RedisTestBed.await(server.events.after("lakeside", "0", 10));
    assertThat(log.stream().map(e -> e.event().type()))
        .containsExactly("inbox.changed", "inbox.assigned", "inbox.changed");
    io.civicline.core.events.StaffEvent assigned = log.get(1).event();
    assertThat(assigned.audience().staff()).containsExactly("ann");
    assertThat(assigned.data().getString("by")).isEqualTo("jim");
    assertThat(assigned.data().getString("from")).isEqualTo("+12075550001");
    io.civicline.core.events.StaffEvent changed = log.get(2).event();
    assertThat(changed.audience().departments()).containsExactly("public-works");
    assertThat(changed.data().getString("assignedTo")).isEqualTo("ann");
    assertThat(changed.data().getLong("version")).isEqualTo(3L);
  }

  @Test
  void badChangesNameEveryFieldAndAssigneesMustBeInTheDepartment() {
    server.voicemail.add("lakeside", "vm-a", "public-works", "+12075550001", "leak", T0);
    String item = INBOX + "/items/voicemail/vm-a";

    Http.Response bad =
        http.patch(
            item,
            new JsonObject().put("status", "done").put("note", 3).put("colour", "red"),
            null,
            jim);
    assertThat(bad.status()).isEqualTo(422);
    JsonArray errors = bad.json().getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactlyInAnyOrder("#/status", "#/note", "#/colour");

    Http.Response outsider =
        http.patch(item, new JsonObject().put("assignedTo", "maria"), null, jim);
    assertThat(outsider.status()).isEqualTo(422);
    assertThat(outsider.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/assignedTo");

    Http.Response colleague =
        http.patch(item, new JsonObject().put("assignedTo", "ann"), null, jim);
    assertThat(colleague.json().getString("assignedTo")).isEqualTo("ann");
    Http.Response nobody = http.patch(item, new JsonObject().putNull("assignedTo"), null, jim);
    assertThat(nobody.json().containsKey("assignedTo")).isFalse();

    assertThat(http.patch(item, new JsonObject().put("note", "x"), null, maria).status())
        .isEqualTo(403);
    assertThat(server.voicemail.item("lakeside", "vm-a").note()).isEmpty();
  }

  @Test
  void audioAndAttachmentsReachMembersOnlyWithTheirBytesAndType() {
    server.voicemail.add("lakeside", "vm-a", "public-works", "+12075550001", "leak", T0);
    byte[] wav = {'R', 'I', 'F', 'F', 0, (byte) 0xff, 7};
    server.voicemail.audio("lakeside", "vm-a", wav);
    String thread = server.texts.inbound("lakeside", "public-works", "+12075550123", "photo");
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 0, 1, 2, (byte) 0xd9};
    server.texts.attach(
        "lakeside", thread, "ME1", new TextAttachments.Attachment("image/jpeg", jpeg));

    HttpResponse<byte[]> played = http.getBytes(INBOX + "/items/voicemail/vm-a/audio", jim);
    assertThat(played.statusCode()).isEqualTo(200);
    assertThat(played.body()).isEqualTo(wav);
    assertThat(played.headers().firstValue("Content-Type")).contains("audio/wav");
    assertThat(server.voicemail.plays).containsExactly("lakeside/vm-a staff:jim");

    String media = "/api/v1/staff/texts/threads/" + thread + "/media/ME1";
    HttpResponse<byte[]> photo = http.getBytes(media, jim);
    assertThat(photo.body()).isEqualTo(jpeg);
    assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(photo.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    assertThat(http.getBytes(media, maria).statusCode()).isEqualTo(403);
    assertThat(http.getBytes(INBOX + "/items/voicemail/vm-a/audio", maria).statusCode())
        .isEqualTo(403);
    assertThat(server.voicemail.plays).hasSize(1);
  }
}
