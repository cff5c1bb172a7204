package io.civicline.voicemail.notify;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.smtp.ReceivedMail;
import io.civicline.testkit.smtp.SmtpSink;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.FileRecordingStore;
import io.civicline.voicemail.transcribe.Transcriber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** New messages are announced by email once, with their transcript, across nodes and failures. */
@ExtendWith(RedisExtension.class)
class NotificationWorkerTest {
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private final RedisServer server;
  @TempDir Path dir;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private SmtpSink smtp;
  private FileRecordingStore files;
  private MessageStore messages;
  private VoicemailIngest ingest;
  private EmailNotifier email;

  NotificationWorkerTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    smtp = SmtpSink.start();
    files = new FileRecordingStore(vertx, dir);
    messages = new MessageStore(redis, Clock.fixed(NOW, ZoneOffset.UTC));
    ingest = new VoicemailIngest(files, messages, (audio, expected) -> expected);
    email =
        new EmailNotifier(
            vertx,
            new SmtpSettings(
                smtp.host(),
                smtp.port(),
                Optional.empty(),
                Optional.empty(),
                false,
                "voicemail@lakeside.example",
                Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    smtp.close();
    bed.close();
  }

  private NotificationWorker worker(String node, Transcriber transcriber, Notifier notifier) {
    return new NotificationWorker(
        redis, messages, files, transcriber, notifier, this::details, node);
  }

  private Future<Optional<NoticeDetails.Delivery>> details(
      String tenant, VoicemailMessage message) {
    VoicemailNotice notice =
        new VoicemailNotice(
            tenant,
            "Lakeside Township",
            message.mailbox(),
            "Township Clerk",
            message.id(),
            message.from(),
            message.receivedAt(),
            ZoneId.of("America/Detroit"),
            message.seconds(),
            message.language(),
            message.transcript(),
            URI.create("http://127.0.0.1/messages/" + message.id()));
    return Future.succeededFuture(
        Optional.of(new NoticeDetails.Delivery(notice, List.of("clerk@lakeside.example"))));
  }

  private void leaveMessage(String source) {
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            "lakeside", "department:clerk", "CA1", "+12075550123", source, 42, "en", NOW);
    await(ingest.ingest(recording, () -> Future.succeededFuture(new byte[] {1, 2, 3})));
  }

  @Test
  void eachMessageIsAnnouncedOnceWithItsTranscriptEvenWithSeveralNodes() {
    leaveMessage("twilio:RE1");
    leaveMessage("twilio:RE2");
    Transcriber transcriber =
        (message, audio) ->
            Future.succeededFuture(Optional.of("Please call me about my dog licence."));

    int first = await(worker("node-a", transcriber, email).runOnce("lakeside"));
    int second = await(worker("node-b", transcriber, email).runOnce("lakeside"));

    assertThat(first + second).isEqualTo(2);
    List<ReceivedMail> mails = smtp.awaitMessages(2, Duration.ofSeconds(5));
    assertThat(mails).hasSize(2);
    assertThat(mails.get(0).subject()).contains("Township Clerk").contains("0:42");
    assertThat(mails.get(0).text()).contains("Please call me about my dog licence.");
    // The transcript is stored with the message too.
    String id = VoicemailIngest.messageId("twilio:RE1");
    assertThat(await(messages.get("lakeside", id)).orElseThrow().transcript())
        .contains("Please call me about my dog licence.");
    assertThat(await(worker("node-a", transcriber, email).runOnce("lakeside"))).isZero();
  }

  @Test
  void aFailingTranscriberNeverStopsTheNotification() {
    leaveMessage("twilio:RE3");
    Transcriber broken =
        (message, audio) -> Future.failedFuture(new IllegalStateException("speech service down"));

    assertThat(await(worker("node-a", broken, email).runOnce("lakeside"))).isEqualTo(1);
    assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).text())
        .doesNotContain("speech service");
  }

  @Test
  void aMailServerThatIsDownIsTriedAgainLater() {
    leaveMessage("twilio:RE4");
    smtp.failNext(451);

    assertThat(await(worker("node-a", Transcriber.NONE, email).runOnce("lakeside"))).isZero();
    assertThat(await(worker("node-a", Transcriber.NONE, email).runOnce("lakeside"))).isEqualTo(1);
    assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void anEventWhoseMessageIsGoneIsSettledWithoutMail() {
    leaveMessage("twilio:RE5");
    AtomicInteger sent = new AtomicInteger();
    VoicemailMessage message =
        await(messages.get("lakeside", VoicemailIngest.messageId("twilio:RE5"))).orElseThrow();
    await(
        messages.delete(
            "lakeside", message, new io.civicline.core.store.Actor("t", "test"), "test"));

    Notifier counting =
        (notice, recipients) -> {
          sent.incrementAndGet();
          return Future.succeededFuture();
        };
    assertThat(await(worker("node-a", Transcriber.NONE, counting).runOnce("lakeside")))
        .isEqualTo(1);
    assertThat(sent).hasValue(0);
  }
}
