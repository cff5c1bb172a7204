package io.civicline.bench.agi;

import io.civicline.core.redis.RedisSettings;
import io.civicline.core.store.DocumentStore;
import io.civicline.ops.CivicLineServer;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.signaling.asterisk.agi.AgiSessionHandler;
import io.civicline.signaling.asterisk.calls.AsteriskCalls;
import io.civicline.signaling.asterisk.calls.AsteriskSettings;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.context.FlowCache;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.FlowStore;
import io.civicline.signaling.store.NumberDirectory;
import io.civicline.signaling.store.NumberRegistry;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The real call-flow driver under load: a private Redis seeded with the demo township by the real
 * server, then {@link AsteriskCalls} on every call (number lookup, context load, engine steps,
 * atomic state writes, call records). Ten o'clock on a Tuesday, so menus lead to ringing staff.
 */
final class FlowScenario implements Supplier<AgiSessionHandler> {
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  /** The bench's flows have no voicemail-access node; reaching one is a bench bug. */
  private static final io.civicline.core.ports.MailboxAccess NO_MAILBOX_ACCESS =
      new io.civicline.core.ports.MailboxAccess() {
        @Override
        public Future<Opened> open(
            String tenant, String mailbox, String callerNumber, String pin, Instant now) {
          return Future.failedFuture(new IllegalStateException("no voicemail access in bench"));
        }

        @Override
        public Future<Void> save(
            String tenant, String mailbox, String messageId, io.civicline.core.store.Actor actor) {
          return Future.failedFuture(new IllegalStateException("no voicemail access in bench"));
        }

        @Override
        public Future<Boolean> delete(
            String tenant,
            String mailbox,
            String messageId,
            io.civicline.core.store.Actor actor,
            String reason) {
          return Future.failedFuture(new IllegalStateException("no voicemail access in bench"));
        }
      };

  private AgiSessionHandler handler;

  @Override
  public synchronized AgiSessionHandler get() {
    if (handler == null) {
      handler = start();
    }
    return handler;
  }

  private static AgiSessionHandler start() {
    try {
      Path dir = Files.createTempDirectory("civicline-bench-");
      RedisServer redisServer = RedisServer.start();
      Clock clock = Clock.fixed(TUESDAY_MORNING, ZoneOffset.UTC);
      seed(redisServer, dir, clock);
      Vertx vertx = Vertx.vertx();
      // The server's own client settings (pool size, waiting limits), not the library defaults.
      Redis redis =
          io.civicline.core.redis.RedisClients.create(
              vertx, RedisSettings.standalone(redisServer.url()));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    vertx.close();
                    redisServer.close();
                  }));
      DocumentStore store = new DocumentStore(redis, clock);
      return new AsteriskCalls(
          new AsteriskSettings(
              dir.resolve("spool"),
              dir.resolve("spool").toString(),
              List.of("sh", "-c", "printf '%s' \"$1\" > \"$2\"", "tts", "{text}", "{output}"),
              Duration.ofSeconds(10),
              10,
              5),
          new NumberDirectory(new NumberRegistry(redis, clock), store, redis),
          new CallContextLoader(store, new FlowStore(store, redis), new FlowCache(500)),
          new CallSessions(redis),
          new CallRecords(redis),
          redis,
          (recording, audio) -> Future.succeededFuture(),
          (tenant, mailbox, language, sha256) -> Future.succeededFuture(Optional.empty()),
          NO_MAILBOX_ACCESS,
          (tenant, messageId) -> Future.succeededFuture(Optional.empty()),
          (from, to, text) -> Future.succeededFuture(),
          io.civicline.core.events.StaffEvents.NONE,
          clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real server seeds its demo township once, then stops; the data stays in Redis. */
  private static void seed(RedisServer redis, Path dir, Clock clock) {
    CivicLineConfig config =
        CivicLineConfig.local(dir, RedisSettings.standalone(redis.url()), Optional.empty());
    try {
      CivicLineServer.start(config, clock)
          .toCompletionStage()
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS)
          .close();
    } catch (Exception e) {
      throw new IllegalStateException("could not seed the demo township", e);
    }
  }
}
