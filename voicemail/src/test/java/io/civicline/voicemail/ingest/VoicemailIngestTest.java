package io.civicline.voicemail.ingest;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.store.Actor;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.FileRecordingStore;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class VoicemailIngestTest {
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private final RedisServer server;
  @TempDir Path dir;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private FileRecordingStore files;
  private MessageStore messages;
  private VoicemailIngest ingest;
  private final AtomicInteger fetches = new AtomicInteger();

  VoicemailIngestTest(RedisServer server) {
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

  private static RecordingSink.Recording recording(String source) {
    return new RecordingSink.Recording(
        "lakeside", "department:clerk", "CA1", "+12075550123", source, 5, "es", NOW);
  }

  private RecordingSink.AudioSource audio(byte[] bytes) {
    return () -> {
      fetches.incrementAndGet();
      return Future.succeededFuture(bytes);
    };
  }

  @Test
  void aRecordingBecomesOneDurableMessageHoweverOftenItIsHandedOver() {
    byte[] audio = "RIFF-pretend-audio".getBytes();
    VoicemailIngest.Outcome first = await(ingest.ingest(recording("twilio:RE1"), audio(audio)));
    VoicemailIngest.Outcome repeat = await(ingest.ingest(recording("twilio:RE1"), audio(audio)));

    assertThat(first.created()).isTrue();
    assertThat(repeat).isEqualTo(new VoicemailIngest.Outcome(first.messageId(), false));
    assertThat(fetches.get()).isEqualTo(1);
    VoicemailMessage message = await(messages.get("lakeside", first.messageId())).orElseThrow();
    assertThat(message.language()).isEqualTo("es");
    assertThat(message.status()).isEqualTo(VoicemailMessage.Status.NEW);
    assertThat(await(files.read(message.recordingKey(), message.sha256()))).isEqualTo(audio);
    assertThat(await(messages.newCounts("lakeside"))).containsEntry("department:clerk", 1L);
    assertThat(server.command("XLEN civicline:{t:lakeside}:vm:events")).isEqualTo(":1");
    assertThat(server.command("ZCARD civicline:{t:lakeside}:vm:box:department.clerk"))
        .isEqualTo(":1");
  }

  @Test
  void aFailedFetchStoresNothing() {
    RecordingSink.AudioSource failing =
        () -> Future.failedFuture(new IllegalStateException("503 from the carrier"));
    assertThatThrownBy(() -> await(ingest.ingest(recording("twilio:RE2"), failing)))
        .hasMessageContaining("503");
    assertThat(await(files.messageIds("lakeside"))).isEmpty();
    assertThat(await(messages.messageFor("lakeside", "twilio:RE2"))).isEmpty();
    // The carrier retries and it works.
    assertThat(await(ingest.ingest(recording("twilio:RE2"), audio(new byte[] {1, 2, 3}))).created())
        .isTrue();
  }

  @Test
  void aDiskThatCannotBeWrittenFailsTheIngestAndLeavesNothingHalfWritten() throws Exception {
    Path notADirectory = dir.resolve("blocked");
    Files.writeString(notADirectory, "a file where the store wants a directory");
    VoicemailIngest broken =
        new VoicemailIngest(
            new FileRecordingStore(vertx, notADirectory), messages, (audio, expected) -> expected);

    assertThatThrownBy(() -> await(broken.ingest(recording("twilio:RE3"), audio(new byte[] {9}))));
    assertThat(await(messages.messageFor("lakeside", "twilio:RE3"))).isEmpty();
    assertThat(Files.readString(notADirectory)).startsWith("a file");
  }

  @Test
  void aBadRecordingIsRefusedSoTheCarrierRetries() {
    VoicemailIngest strict =
        new VoicemailIngest(
            files,
            messages,
            (audio, expected) -> {
              throw new IllegalArgumentException(
                  "recording is 0 s long, the carrier said " + expected);
            });
    assertThatThrownBy(() -> await(strict.ingest(recording("twilio:RE4"), audio(new byte[] {1}))))
        .hasMessageContaining("0 s long");
    assertThat(await(files.messageIds("lakeside"))).isEmpty();
  }

  @Test
  void aCrashBetweenStoringTheAudioAndRecordingTheMessageLosesNothingAndDoublesNothing() {
    byte[] audio = "voice".getBytes();
    RecordingSink.Recording incoming = recording("twilio:RE5");
    String id = VoicemailIngest.messageId(incoming.source());
    // What the ingest did before Redis died: the audio and its sidecar are stored.
    VoicemailMessage draft = VoicemailIngest.message(incoming, id, 5, "", "", audio.length);
    await(files.put("lakeside", id, audio, draft.toJson().encode()));
    server.kill9();
    server.restart();

    List<String> recovered =
        awaitRetrying(() -> new Reconciler(files, messages).reconcile("lakeside"));
    assertThat(recovered).containsExactly(id);
    VoicemailMessage message = await(messages.get("lakeside", id)).orElseThrow();
    assertThat(await(files.read(message.recordingKey(), message.sha256()))).isEqualTo(audio);

    // The carrier's retry finds the message and adds nothing; a second reconcile finds nothing.
    assertThat(await(ingest.ingest(incoming, audio(audio))).created()).isFalse();
    assertThat(await(new Reconciler(files, messages).reconcile("lakeside"))).isEmpty();
    assertThat(await(messages.newCounts("lakeside"))).containsEntry("department:clerk", 1L);
  }

  @Test
  void aDamagedFileIsNoticedOnRead() throws Exception {
    VoicemailIngest.Outcome outcome =
        await(ingest.ingest(recording("twilio:RE6"), audio("original".getBytes())));
    VoicemailMessage message = await(messages.get("lakeside", outcome.messageId())).orElseThrow();
    Files.writeString(dir.resolve("recordings").resolve(message.recordingKey()), "tampered");

    assertThatThrownBy(() -> await(files.read(message.recordingKey(), message.sha256())))
        .isInstanceOf(RecordingStore.CorruptRecordingException.class);
  }

  @Test
  void handlingUpdatesMessageWaitingAndLegalHoldBlocksDeletion() {
    VoicemailIngest.Outcome outcome =
        await(ingest.ingest(recording("twilio:RE7"), audio(new byte[] {7})));
    VoicemailMessage message = await(messages.get("lakeside", outcome.messageId())).orElseThrow();
    Actor clerk = new Actor("tok-1", "clerk");
    VoicemailMessage heard =
        await(
            messages.update(
                "lakeside",
                message,
                new VoicemailMessage(
                    message.id(),
                    message.mailbox(),
                    message.callId(),
                    message.from(),
                    message.receivedAt(),
                    message.seconds(),
                    message.language(),
                    message.recordingKey(),
                    message.sha256(),
                    message.bytes(),
                    message.source(),
                    VoicemailMessage.Status.HEARD,
                    message.assignedTo(),
                    message.note(),
                    message.transcript(),
                    message.legalHold(),
                    message.handledAt(),
                    message.version()),
                clerk,
                "mark-heard"));
    assertThat(heard.version()).isEqualTo(2);
    assertThat(await(messages.newCounts("lakeside"))).containsEntry("department:clerk", 0L);

    await(messages.holdMailbox("lakeside", "department:clerk", true));
    assertThat(await(messages.delete("lakeside", heard, clerk, "records request done"))).isFalse();
    await(messages.holdMailbox("lakeside", "department:clerk", false));
    assertThat(await(messages.delete("lakeside", heard, clerk, "retention: 90 days after handled")))
        .isTrue();
    assertThat(await(messages.get("lakeside", heard.id()))).isEmpty();
    // A late repeat of the carrier's callback does not bring it back.
    assertThat(await(ingest.ingest(recording("twilio:RE7"), audio(new byte[] {7}))).created())
        .isFalse();
  }

  private <T> T awaitRetrying(java.util.function.Supplier<Future<T>> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return await(call.get());
      } catch (RuntimeException reconnecting) {
        if (attempt > 30) {
          throw reconnecting;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw reconnecting;
        }
      }
    }
  }
}
