package io.civicline.ops.support;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.ingest.WavRecordingCheck;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.FileRecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Leaves voicemail as a channel would, beside a {@link RunningServer}: the same ingest on its own
 * Vert.x and Redis client, against the server's Redis and recordings directory ({@code
 * <dir>/recordings}).
 */
public final class Voicemails implements AutoCloseable {
  private final Vertx vertx;
  private final Redis redis;
  private final Path recordings;
  private final MessageStore messages;
  private final VoicemailIngest ingest;

  private Voicemails(RedisServer server, Path dir) {
    vertx = Vertx.vertx();
    redis = RedisClients.create(vertx, RedisSettings.standalone(server.url()));
    recordings = dir.resolve("recordings");
    messages = new MessageStore(redis, Clock.systemUTC());
    ingest =
        new VoicemailIngest(
            new FileRecordingStore(vertx, recordings), messages, new WavRecordingCheck());
  }

  /** {@code dir} is the directory the server was started with. */
  public static Voicemails open(RedisServer server, Path dir) {
    return new Voicemails(server, dir);
  }

  /** Leaves a message of {@code seconds} for {@code mailbox}; answers its id. */
  public String leave(
      String tenant, String mailbox, String source, int seconds, Instant receivedAt) {
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            tenant, mailbox, "CA-" + source, "+12075550123", source, seconds, "en", receivedAt);
    return await(ingest.ingest(recording, () -> Future.succeededFuture(wav(seconds)))).messageId();
  }

  public Optional<VoicemailMessage> message(String tenant, String id) {
    return await(messages.get(tenant, id));
  }

  /** The stored PIN hash of a mailbox ({@code department:clerk}), if any. */
  public Optional<String> pinHash(String tenant, String address) {
    return await(new io.civicline.voicemail.mailbox.MailboxPins(redis).get(tenant, address));
  }

  public MessageStore messages() {
    return messages;
  }

  /** The stored audio file of a message. */
  public Path file(String tenant, String messageId) {
    return recordings.resolve(tenant).resolve(messageId + ".wav");
  }

  public byte[] stored(String tenant, String messageId) {
    try {
      return Files.readAllBytes(file(tenant, messageId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A WAV file: 8 kHz mono 16-bit PCM whose samples count up, so every byte range differs. */
  public static byte[] wav(int seconds) {
    int samples = 8000 * seconds;
    ByteBuffer buf = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    buf.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000);
    buf.putShort((short) 2).putShort((short) 16);
    buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      buf.putShort((short) i);
    }
    return buf.array();
  }

  @Override
  public void close() {
    await(redis.close());
    await(vertx.close());
  }
}
