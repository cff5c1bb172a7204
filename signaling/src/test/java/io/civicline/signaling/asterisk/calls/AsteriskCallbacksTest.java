package io.civicline.signaling.asterisk.calls;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.routing.engine.Action;
import io.civicline.signaling.asterisk.ami.Originate;
import io.civicline.signaling.asterisk.ami.OriginateResult;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class AsteriskCallbacksTest {
  static final Instant NINE = Instant.parse("2026-11-24T14:00:00Z");
  static final String TOWN = "+12695550100";

  private final RedisServer server;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private CallbackQueue queue;
  private final List<Originate> placed = new ArrayList<>();
  private final List<Promise<OriginateResult>> outcomes = new ArrayList<>();
  private boolean connected = true;

  AsteriskCallbacksTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    queue = new CallbackQueue(redis);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  private AsteriskCallbacks callbacks() {
    return new AsteriskCallbacks(
        queue,
        request -> {
          placed.add(request);
          Promise<OriginateResult> outcome = Promise.promise();
          outcomes.add(outcome);
          return outcome.future();
        },
        () -> connected);
  }

  private void waiting(String number, Instant since, String language) {
    CallSessions.QueuedCallback entry =
        CallbackQueue.entry(
            "lakeside",
            new Action.RequestCallback("treasurer", number, since, language),
            TOWN,
            since.plusSeconds(30));
    await(
        redis.send(
            Request.cmd(io.vertx.redis.client.Command.ZADD)
                .arg(entry.key())
                .arg(entry.score())
                .arg(entry.member())));
  }

  private List<String> numbersWaiting() {
    return await(queue.waiting("lakeside", "treasurer")).stream()
        .map(CallbackQueue.Request::number)
        .toList();
  }

  @Test
  void theLongestWaitingResidentIsRungThroughTheTownsTrunkAsTheDialplanExpects() {
    waiting("+12075550002", NINE.plusSeconds(90), "en");
    waiting("+12075550001", NINE, "es");

    Optional<CallbackQueue.Request> next = await(callbacks().dispatchNext("lakeside", "treasurer"));

    assertThat(next).map(CallbackQueue.Request::number).hasValue("+12075550001");
    assertThat(placed)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.channel()).isEqualTo("Local/+12075550001@civicline-outbound");
              assertThat(o.context()).isEqualTo("civicline-originate");
              assertThat(o.exten()).isEqualTo("callback");
              assertThat(o.priority()).isEqualTo(1);
              assertThat(o.callerId()).isEqualTo(TOWN);
              assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
              assertThat(o.variables())
                  .containsEntry("__CIVICLINE_TENANT", "lakeside")
                  .containsEntry("__CIVICLINE_CALLBACK_ID", next.get().id())
                  .containsEntry("__CIVICLINE_CALLBACK_QUEUE", "treasurer")
                  .containsEntry("__CIVICLINE_CALLBACK_LANGUAGE", "es");
            });
    assertThat(numbersWaiting()).containsExactly("+12075550002");

    outcomes.get(0).complete(new OriginateResult("a1", true, 4, "Local/x;1", "1795.1"));
    assertThat(numbersWaiting()).containsExactly("+12075550002");
  }

  @Test
  void aCallbackNobodyAnsweredGoesBackToItsPlace() throws Exception {
    waiting("+12075550001", NINE, "en");
    waiting("+12075550002", NINE.plusSeconds(90), "en");

    await(callbacks().dispatchNext("lakeside", "treasurer"));
    outcomes.get(0).complete(new OriginateResult("a1", false, 3, null, null));

    for (int i = 0; i < 50 && numbersWaiting().size() < 2; i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(numbersWaiting()).containsExactly("+12075550001", "+12075550002");
  }

  @Test
  void withTheAsteriskDisconnectedNothingIsTakenFromTheQueue() {
    waiting("+12075550001", NINE, "en");
    connected = false;

    assertThatThrownBy(() -> await(callbacks().dispatchNext("lakeside", "treasurer")))
        .hasMessageContaining("not connected");
    assertThat(placed).isEmpty();
    assertThat(numbersWaiting()).containsExactly("+12075550001");
  }
}
