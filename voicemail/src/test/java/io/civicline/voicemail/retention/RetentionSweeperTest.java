package io.civicline.voicemail.retention;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.store.Actor;
import io.civicline.core.store.AuditEntry;
import io.civicline.core.store.AuditTrail;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.ingest.Reconciler;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.message.VoicemailMessage.Status;
import io.civicline.voicemail.store.FileRecordingStore;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class RetentionSweeperTest {
  private static final String TENANT = "lakeside";
  private static final String CLERK = "department:clerk";
  private static final String ROADS = "department:roads";
  private static final String STAFF = "staff:7";
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private static final RetentionPolicy POLICY =
      new RetentionPolicy(Optional.of(Duration.ofDays(90)), Optional.of(Duration.ofDays(365)));

  private final RedisServer server;
  @TempDir Path dir;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private FileRecordingStore files;
  private MessageStore messages;
  private VoicemailIngest ingest;
  private int sources;

  RetentionSweeperTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    files = new FileRecordingStore(vertx, dir.resolve("recordings"));
    messages = new MessageStore(redis, Clock.fixed(NOW, ZoneOffset.UTC));
    ingest = new VoicemailIngest(files, messages, (audio, expected) -> expected);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  /** A message left {@code daysAgo} before NOW, as the ingest records it. */
  private VoicemailMessage received(String mailbox, long daysAgo) {
    String source = "twilio:RE" + (++sources);
    Instant at = NOW.minus(Duration.ofDays(daysAgo)).plusSeconds(sources);
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            TENANT, mailbox, "CA" + sources, "+12075550123", source, 5, "en", at);
    String id =
        await(
                ingest.ingest(
                    recording, () -> Future.succeededFuture(("audio " + source).getBytes())))
            .messageId();
    return await(messages.get(TENANT, id)).orElseThrow();
  }

  private VoicemailMessage handled(String mailbox, long receivedDaysAgo, long handledDaysAgo) {
    VoicemailMessage m = received(mailbox, receivedDaysAgo);
    return change(
        m, Status.HANDLED, Optional.of(NOW.minus(Duration.ofDays(handledDaysAgo))), false);
  }

  private VoicemailMessage change(
      VoicemailMessage m, Status status, Optional<Instant> handledAt, boolean hold) {
    VoicemailMessage next =
        new VoicemailMessage(
            m.id(),
            m.mailbox(),
            m.callId(),
            m.from(),
            m.receivedAt(),
            m.seconds(),
            m.language(),
            m.recordingKey(),
            m.sha256(),
            m.bytes(),
            m.source(),
            status,
            m.assignedTo(),
            m.note(),
            m.transcript(),
            hold,
            handledAt,
            m.version());
    return await(messages.update(TENANT, m, next, new Actor("tok-1", "clerk"), "update"));
  }

  private RetentionSweeper sweeper() {
    return new RetentionSweeper(messages, files, 2);
  }

  private boolean exists(VoicemailMessage m) {
    return await(messages.get(TENANT, m.id())).isPresent();
  }

  private List<AuditEntry> deletions() {
    List<AuditEntry> all = new ArrayList<>();
    String cursor = null;
    AuditTrail trail = new AuditTrail(redis);
    do {
      var page = await(trail.list(TENANT, cursor, 100));
      all.addAll(page.items());
      cursor = page.next().orElse(null);
    } while (cursor != null);
    return all.stream().filter(e -> e.action().equals("delete")).toList();
  }

  @Test
  void deletesOnlyWhatThePolicyAllowsAndAuditsEachDeletionWithItsReason() {
    VoicemailMessage handledLongAgo = handled(CLERK, 200, 100);
    VoicemailMessage handledRecently = handled(CLERK, 200, 10);
    VoicemailMessage newButOld = received(CLERK, 400);
    VoicemailMessage heardRecent =
        change(received(CLERK, 30), Status.HEARD, Optional.empty(), false);
    VoicemailMessage handledOldByReceived = handled(CLERK, 500, 20);
    VoicemailMessage noPolicy = handled(STAFF, 800, 700);
    VoicemailMessage otherBox = handled(ROADS, 100, 95);

    SweepReport report = await(sweeper().sweep(TENANT, Map.of(CLERK, POLICY, ROADS, POLICY), NOW));

    assertThat(report.deleted())
        .containsExactlyInAnyOrder(
            new SweepReport.Deleted(
                handledLongAgo.id(),
                CLERK,
                "retention: 90 days after handled (handled 2026-08-16)"),
            new SweepReport.Deleted(
                newButOld.id(), CLERK, "retention: 365 days after received (received 2025-10-20)"),
            new SweepReport.Deleted(
                handledOldByReceived.id(),
                CLERK,
                "retention: 365 days after received (received 2025-07-12)"),
            new SweepReport.Deleted(
                otherBox.id(), ROADS, "retention: 90 days after handled (handled 2026-08-21)"));
    assertThat(report.held()).isEmpty();
    assertThat(report.changed()).isEmpty();
    for (VoicemailMessage gone :
        List.of(handledLongAgo, newButOld, handledOldByReceived, otherBox)) {
      assertThat(exists(gone)).as(gone.id()).isFalse();
    }
    for (VoicemailMessage kept : List.of(handledRecently, heardRecent, noPolicy)) {
      assertThat(exists(kept)).as(kept.id()).isTrue();
    }
    assertThat(await(files.messageIds(TENANT)))
        .containsExactlyInAnyOrder(handledRecently.id(), heardRecent.id(), noPolicy.id());

    List<AuditEntry> audited = deletions();
    assertThat(audited).hasSize(4);
    for (SweepReport.Deleted deleted : report.deleted()) {
      AuditEntry entry =
          audited.stream()
              .filter(e -> e.resource().equals("voicemail/" + deleted.messageId()))
              .findFirst()
              .orElseThrow();
      assertThat(((JsonObject) entry.after()).getString("reason")).isEqualTo(deleted.reason());
      assertThat(entry.actor().getString("id")).isEqualTo("system:voicemail-retention");
      assertThat(entry.at()).isEqualTo(NOW);
    }
  }

  @Test
  void neverDeletesAnythingOnHoldWhetherTheMessageOrItsMailboxIsHeld() {
    VoicemailMessage heldMessage = change(received(CLERK, 400), Status.NEW, Optional.empty(), true);
    VoicemailMessage free = received(CLERK, 401);
    VoicemailMessage inHeldBox = handled(ROADS, 400, 300);
    VoicemailMessage notDueInHeldBox = received(ROADS, 3);
    await(messages.holdMailbox(TENANT, ROADS, true));

    SweepReport report = await(sweeper().sweep(TENANT, Map.of(CLERK, POLICY, ROADS, POLICY), NOW));

    assertThat(report.deletedIds()).containsExactly(free.id());
    assertThat(report.held()).containsExactlyInAnyOrder(heldMessage.id(), inHeldBox.id());
    assertThat(exists(heldMessage)).isTrue();
    assertThat(exists(inHeldBox)).isTrue();
    assertThat(exists(notDueInHeldBox)).isTrue();
    assertThat(await(files.messageIds(TENANT)))
        .containsExactlyInAnyOrder(heldMessage.id(), inHeldBox.id(), notDueInHeldBox.id());
    assertThat(deletions())
        .extracting(AuditEntry::resource)
        .containsExactly("voicemail/" + free.id());

    // Lifting the mailbox's hold lets the next sweep go ahead.
    await(messages.holdMailbox(TENANT, ROADS, false));
    assertThat(await(sweeper().sweep(TENANT, Map.of(ROADS, POLICY), NOW)).deletedIds())
        .containsExactly(inHeldBox.id());
  }

  @Test
  void aSecondSweepFindsNothingAndAuditsNothing() {
    for (int i = 0; i < 5; i++) {
      received(CLERK, 400 + i);
    }
    received(CLERK, 1);
    SweepReport first = await(sweeper().sweep(TENANT, Map.of(CLERK, POLICY), NOW));
    SweepReport second = await(sweeper().sweep(TENANT, Map.of(CLERK, POLICY), NOW));

    assertThat(first.deleted()).hasSize(5);
    assertThat(second).isEqualTo(new SweepReport(List.of(), List.of(), List.of(), List.of()));
    assertThat(deletions()).hasSize(5);
    assertThat(await(files.messageIds(TENANT))).hasSize(1);
  }

  @Test
  void sweepsOnSeveralNodesAtOnceDeleteEachMessageOnce() {
    List<String> due = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      due.add(received(CLERK, 400 + i).id());
    }
    List<SweepReport> reports =
        await(
            Future.all(
                    List.of(
                        sweeper().sweep(TENANT, Map.of(CLERK, POLICY), NOW),
                        new RetentionSweeper(messages, files, 3)
                            .sweep(TENANT, Map.of(CLERK, POLICY), NOW),
                        new RetentionSweeper(messages, files)
                            .sweep(TENANT, Map.of(CLERK, POLICY), NOW)))
                .map(all -> all.<SweepReport>list()));

    List<String> deleted = reports.stream().flatMap(r -> r.deletedIds().stream()).toList();
    assertThat(deleted).containsExactlyInAnyOrderElementsOf(due);
    assertThat(deletions()).hasSize(12);
    assertThat(await(files.messageIds(TENANT))).isEmpty();
  }

  @Test
  void aMessageChangedSinceItWasReadIsNotDeletedOnTheStrengthOfTheOldRead() {
    VoicemailMessage read = handled(CLERK, 200, 100);
    // Staff reopen it after the sweeper read it.
    change(read, Status.HEARD, Optional.empty(), false);
    assertThat(await(messages.deleteUnchanged(TENANT, read, RetentionSweeper.ACTOR, "retention")))
        .isEqualTo(MessageStore.Deletion.CHANGED);
    assertThat(exists(read)).isTrue();
    assertThat(deletions()).isEmpty();
  }

  @Test
  void aSweepThatStopsBeforeTheAudioLeavesAnOrphanThatIsNeverResurrectedAndIsCleanedUp() {
    VoicemailMessage due = received(CLERK, 400);
    VoicemailMessage kept = received(CLERK, 2);
    // A recording whose message never reached Redis: the reconciler's, not an orphan.
    RecordingSink.Recording unrecorded =
        new RecordingSink.Recording(
            TENANT,
            CLERK,
            "CA99",
            "+12075550199",
            "twilio:RE99",
            5,
            "en",
            NOW.minus(Duration.ofDays(500)));
    String unrecordedId = VoicemailIngest.messageId(unrecorded.source());
    await(
        files.put(
            TENANT,
            unrecordedId,
            "lost".getBytes(),
            new JsonObject()
                .put("id", unrecordedId)
                .put("mailbox", CLERK)
                .put("receivedAt", unrecorded.receivedAt().toString())
                .put("source", unrecorded.source())
                .put("recordingKey", "")
                .put("sha256", "")
                .encode()));

    RecordingStore failingDeletes = new FailingDeletes(files);
    SweepReport crashed =
        await(
            new RetentionSweeper(messages, failingDeletes, 2)
                .sweep(TENANT, Map.of(CLERK, POLICY), NOW));
    assertThat(crashed.deletedIds()).containsExactly(due.id());
    assertThat(crashed.orphansRemoved()).isEmpty();
    assertThat(exists(due)).isFalse();
    assertThat(await(files.messageIds(TENANT)))
        .containsExactlyInAnyOrder(due.id(), kept.id(), unrecordedId);

    // The reconciler recovers the unrecorded message but does not bring the deleted one back.
    assertThat(await(new Reconciler(files, messages).reconcile(TENANT)))
        .containsExactly(unrecordedId);
    assertThat(exists(due)).isFalse();

    // The cleanup removes the orphan and nothing else.
    assertThat(await(sweeper().removeOrphans(TENANT))).containsExactly(due.id());
    assertThat(await(files.messageIds(TENANT))).containsExactlyInAnyOrder(kept.id(), unrecordedId);
    assertThat(await(sweeper().removeOrphans(TENANT))).isEmpty();
    assertThat(deletions()).hasSize(1);
  }

  @Test
  void aRecordingWhoseMessageWasNeverRecordedIsNotAnOrphan() {
    String id = VoicemailIngest.messageId("twilio:RE77");
    await(
        files.put(
            TENANT,
            id,
            "lost".getBytes(),
            new JsonObject().put("id", id).put("source", "twilio:RE77").encode()));
    assertThat(await(sweeper().removeOrphans(TENANT))).isEmpty();
    assertThat(await(files.messageIds(TENANT))).containsExactly(id);
  }

  /** A store whose deletes fail, as if the node died between the record and the audio. */
  private record FailingDeletes(RecordingStore delegate) implements RecordingStore {
    @Override
    public Future<StoredRecording> put(String tenant, String id, byte[] audio, String sidecar) {
      return delegate.put(tenant, id, audio, sidecar);
    }

    @Override
    public Future<byte[]> read(String key, String sha256) {
      return delegate.read(key, sha256);
    }

    @Override
    public Future<Optional<String>> sidecar(String tenant, String messageId) {
      return delegate.sidecar(tenant, messageId);
    }

    @Override
    public Future<List<String>> messageIds(String tenant) {
      return delegate.messageIds(tenant);
    }

    @Override
    public Future<Void> delete(String tenant, String messageId) {
      return Future.failedFuture(new java.io.IOException("disk went away"));
    }

    @Override
    public Future<StoredRecording> checksum(String tenant, String messageId) {
      return delegate.checksum(tenant, messageId);
    }
  }
}
