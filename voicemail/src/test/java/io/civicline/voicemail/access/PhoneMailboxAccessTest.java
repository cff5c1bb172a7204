package io.civicline.voicemail.access;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.ports.MailboxAccess;
import io.civicline.core.ports.RecordingSink;
import io.civicline.core.store.Actor;
import io.civicline.core.store.AuditEntry;
import io.civicline.core.store.AuditTrail;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.mailbox.MailboxPins;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.pin.LockoutListener;
import io.civicline.voicemail.pin.PinGuard;
import io.civicline.voicemail.pin.PinHasher;
import io.civicline.voicemail.store.FileRecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class PhoneMailboxAccessTest {
  private static final String TENANT = "lakeside";
  private static final String CLERK = "department:clerk";
  private static final String PIN = "482915";
  private static final String STAFF_PHONE = "+12695550301";
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private static final PinHasher HASHER = new PinHasher(PinHasher.MIN_ITERATIONS);
  private static final Actor PHONE = new Actor("phone:" + STAFF_PHONE, "phone access");
  private static String hash;

  private final RedisServer server;
  @TempDir Path dir;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private MessageStore messages;
  private FileRecordingStore files;
  private VoicemailIngest ingest;
  private PhoneMailboxAccess access;

  PhoneMailboxAccessTest(RedisServer server) {
    this.server = server;
  }

  @BeforeAll
  static void hashThePin() {
    hash = HASHER.hash(PIN);
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    messages = new MessageStore(redis, clock);
    files = new FileRecordingStore(vertx, dir);
    ingest = new VoicemailIngest(files, messages, (audio, expected) -> expected);
    access =
        new PhoneMailboxAccess(
            new MailboxPins(redis),
            new PinGuard(vertx, redis, HASHER, LockoutListener.NONE),
            messages,
            files);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private void setPin(String mailbox) {
    await(new MailboxPins(redis).set(TENANT, mailbox, hash));
  }

  private String leave(String source, Instant at, byte[] audio) {
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            TENANT, CLERK, "CA-" + source, "+12075550123", source, 5, "en", at);
    return await(ingest.ingest(recording, () -> Future.succeededFuture(audio))).messageId();
  }

  private MailboxAccess.Opened open(String pin) {
    return await(access.open(TENANT, CLERK, STAFF_PHONE, pin, NOW));
  }

  @Test
  void theRightPinOpensTheMailboxWithNewMessagesFirstEachNewestFirst() {
    setPin(CLERK);
    String older = leave("twilio:RE1", NOW.minusSeconds(7200), new byte[] {1});
    String heard = leave("twilio:RE2", NOW.minusSeconds(3600), new byte[] {2});
    String newest = leave("twilio:RE3", NOW.minusSeconds(60), new byte[] {3});
    await(access.save(TENANT, CLERK, heard, PHONE));

    MailboxAccess.Opened opened = open(PIN);

    assertThat(opened.result()).isEqualTo(MailboxAccess.Result.ACCEPTED);
    assertThat(opened.messages())
        .extracting(MailboxAccess.Message::id)
        .containsExactly(newest, older, heard);
    assertThat(opened.messages())
        .extracting(MailboxAccess.Message::isNew)
        .containsExactly(true, true, false);
    assertThat(opened.messages().get(0).from()).isEqualTo("+12075550123");
    assertThat(await(access.wav(TENANT, newest))).contains(new byte[] {3});
  }

  @Test
  void aWrongPinAndAMailboxWithoutAPinAreRefusedAlike() {
    setPin(CLERK);
    leave("twilio:RE1", NOW, new byte[] {1});
    assertThat(open("000000")).isEqualTo(MailboxAccess.Opened.refused());
    assertThat(await(access.open(TENANT, "staff:maria-gonzalez", STAFF_PHONE, PIN, NOW)))
        .isEqualTo(MailboxAccess.Opened.refused());
    assertThat(await(access.open(TENANT, "not a mailbox", STAFF_PHONE, PIN, NOW)))
        .isEqualTo(MailboxAccess.Opened.refused());
  }

  @Test
  void fiveWrongPinsLockTheMailboxAndThenEvenTheRightPinIsRefused() {
    setPin(CLERK);
    for (int i = 0; i < PinGuard.MAX_FAILURES; i++) {
      assertThat(open("11111" + i).result()).isEqualTo(MailboxAccess.Result.REFUSED);
    }
    assertThat(open(PIN)).isEqualTo(MailboxAccess.Opened.refused());
    List<AuditEntry> audit = await(new AuditTrail(redis).list(TENANT, null, 20)).items();
    assertThat(audit)
        .filteredOn(e -> e.action().equals("pin-lockout"))
        .singleElement()
        .satisfies(e -> assertThat(e.resource()).isEqualTo("mailboxes/department-clerk"));
  }

  @Test
  void savingMarksHeardAndDeletingRemovesRecordAndAudioUnlessKept() {
    String first = leave("twilio:RE1", NOW.minusSeconds(60), new byte[] {1});
    String second = leave("twilio:RE2", NOW.minusSeconds(30), new byte[] {2});

    await(access.save(TENANT, CLERK, first, PHONE));
    assertThat(await(messages.get(TENANT, first)).orElseThrow().status())
        .isEqualTo(VoicemailMessage.Status.HEARD);
    await(access.save(TENANT, CLERK, first, PHONE)); // heard already: nothing changes
    assertThat(await(messages.get(TENANT, first)).orElseThrow().version()).isEqualTo(2);
    // A message of another mailbox is out of reach.
    assertThat(await(access.delete(TENANT, "staff:maria-gonzalez", first, PHONE, "x"))).isFalse();

    await(messages.holdMailbox(TENANT, CLERK, true));
    setPin(CLERK);
    assertThat(open(PIN).messages()).allMatch(MailboxAccess.Message::kept);
    assertThat(await(access.delete(TENANT, CLERK, second, PHONE, "deleted by phone"))).isFalse();
    await(messages.holdMailbox(TENANT, CLERK, false));

    assertThat(await(access.delete(TENANT, CLERK, second, PHONE, "deleted by phone"))).isTrue();
    assertThat(await(messages.get(TENANT, second))).isEmpty();
    assertThat(await(access.wav(TENANT, second))).isEmpty();
    assertThat(await(files.messageIds(TENANT))).containsExactly(first);
    List<AuditEntry> audit = await(new AuditTrail(redis).list(TENANT, null, 20)).items();
    assertThat(audit)
        .filteredOn(e -> e.action().equals("delete") || e.action().equals("mark-heard"))
        .allSatisfy(e -> assertThat(e.actor().getString("id")).isEqualTo("phone:" + STAFF_PHONE))
        .hasSize(2);
  }
}
