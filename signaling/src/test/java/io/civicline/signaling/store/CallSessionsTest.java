package io.civicline.signaling.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallState;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class CallSessionsTest {
  private final RedisServer server;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private CallSessions sessions;

  CallSessionsTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    sessions = new CallSessions(redis);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void aStepIsSavedOnceAndItsReplyRemembered() {
    CallState first = state("welcome");
    assertThat(
            await(
                sessions.save(
                    "lakeside", "CA1", -1, first, meta(), "start", "<Response/>", List.of())))
        .isTrue();

    // A second request that read the same sequence loses the race and changes nothing.
    assertThat(
            await(
                sessions.save(
                    "lakeside", "CA1", -1, state("other"), meta(), "start", "<X/>", List.of())))
        .isFalse();

    CallSessions.Session session = await(sessions.load("lakeside", "CA1")).orElseThrow();
    assertThat(session.seq()).isZero();
    assertThat(session.state().node()).isEqualTo("welcome");
    assertThat(await(sessions.reply("lakeside", "CA1", "start"))).contains("<Response/>");
    assertThat(await(sessions.reply("lakeside", "CA1", "other-key"))).isEmpty();

    assertThat(
            await(
                sessions.save(
                    "lakeside", "CA1", 0, state("menu"), meta(), "k2", "<R2/>", List.of())))
        .isTrue();
    assertThat(await(sessions.load("lakeside", "CA1")).orElseThrow().seq()).isEqualTo(1);
  }

  @Test
  void callbacksAreQueuedInTheSameWriteInTheOrderCallersJoined() {
    CallbackQueue queue = new CallbackQueue(redis);
    Instant joinedEarly = Instant.parse("2026-11-23T15:00:00Z");
    Instant joinedLate = Instant.parse("2026-11-23T15:02:00Z");
    Instant now = Instant.parse("2026-11-23T15:05:00Z");
    var late =
        CallbackQueue.entry(
            "lakeside",
            new Action.RequestCallback("treasurer", "+12075550002", joinedLate, "en"),
            "+12695550100",
            now);
    var early =
        CallbackQueue.entry(
            "lakeside",
            new Action.RequestCallback("treasurer", "+12075550001", joinedEarly, "es"),
            "+12695550100",
            now.plusSeconds(60));
    await(sessions.save("lakeside", "CA2", -1, state("queue"), meta(), "k", "<R/>", List.of(late)));
    await(
        sessions.save("lakeside", "CA3", -1, state("queue"), meta(), "k", "<R/>", List.of(early)));

    assertThat(await(queue.waiting("lakeside", "treasurer")))
        .extracting(CallbackQueue.Request::number)
        .containsExactly("+12075550001", "+12075550002");
    assertThat(await(queue.takeNext("lakeside", "treasurer")).orElseThrow().language())
        .isEqualTo("es");
    assertThat(await(queue.takeNext("lakeside", "treasurer")).orElseThrow().number())
        .isEqualTo("+12075550002");
    assertThat(await(queue.takeNext("lakeside", "treasurer"))).isEmpty();
  }

  @Test
  void sessionsSurviveARedisCrash() {
    await(sessions.save("lakeside", "CA4", -1, state("menu"), meta(), "start", "<R/>", List.of()));
    server.kill9();
    server.restart();
    CallSessions fresh = new CallSessions(redis);
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        assertThat(await(fresh.load("lakeside", "CA4")).orElseThrow().state().node())
            .isEqualTo("menu");
        return;
      } catch (RuntimeException reconnecting) {
        sleep();
      }
    }
    throw new AssertionError("session not readable after restart");
  }

  private static CallState state(String node) {
    JsonObject json =
        new JsonObject()
            .put("flowId", "main")
            .put("flowVersion", 1)
            .put("node", node)
            .put("language", "en")
            .put("caller", "+12075550123")
            .put("called", "+12695550100")
            .put("startedAt", "2026-11-23T15:00:00Z")
            .put("counters", new JsonObject())
            .put("variables", new JsonObject())
            .put("path", new JsonArray().add(node));
    return CallState.fromJson(json);
  }

  private static JsonObject meta() {
    return new JsonObject().put("called", "+12695550100");
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
