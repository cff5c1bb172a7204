package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.FCM_ACCESS_TOKEN;
import static io.civicline.mobileapi.push.PushFixtures.FCM_PROJECT;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.push.FcmStandIn;
import io.civicline.testkit.push.ReceivedPush;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One device's pushes leave one after another, in order; other devices do not wait. */
class OrderedPushSenderTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private static Device device(int n) {
    return new Device("d" + n, Platform.FCM, fcmToken(n), "1.0", Instant.now());
  }

  private static PushMessage message(String title) {
    return new PushMessage(title, "+12075550123", new JsonObject(), Optional.of("call-c1"));
  }

  /** A push service that answers only when the test says so. */
  private static final class HeldSender implements PushSender {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<Promise<PushOutcome>> answers = new CopyOnWriteArrayList<>();

    @Override
    public Platform platform() {
      return Platform.FCM;
    }

    @Override
    public Future<PushOutcome> send(Device device, PushMessage message) {
      started.add(device.id() + " " + message.title());
      Promise<PushOutcome> answer = Promise.promise();
      answers.add(answer);
      return answer.future();
    }
  }

  @Test
  void aDevicesNextPushWaitsForTheOneBeforeWhateverItsOutcome() {
    HeldSender held = new HeldSender();
    OrderedPushSender ordered = new OrderedPushSender(held);

    Future<PushOutcome> ringing = ordered.send(device(1), message("Incoming call"));
    Future<PushOutcome> missed = ordered.send(device(1), message("Missed call"));
    Future<PushOutcome> other = ordered.send(device(2), message("Incoming call"));

    assertThat(held.started).containsExactly("d1 Incoming call", "d2 Incoming call");
    held.answers.get(0).complete(PushOutcome.failed(false, "403 SENDER_ID_MISMATCH"));
    assertThat(ringing.result().status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(held.started)
        .containsExactly("d1 Incoming call", "d2 Incoming call", "d1 Missed call");
    held.answers.get(2).complete(PushOutcome.delivered());
    held.answers.get(1).complete(PushOutcome.delivered());
    assertThat(missed.result().status()).isEqualTo(PushOutcome.Status.DELIVERED);
    assertThat(other.result().status()).isEqualTo(PushOutcome.Status.DELIVERED);
    assertThat(ordered.waiting()).as("nothing kept once done").isZero();
  }

  @Test
  void manyQuickPushesToOnePhoneReachTheServiceInTheOrderSent() throws Exception {
    try (FcmStandIn fcm = FcmStandIn.start(FCM_PROJECT, FCM_ACCESS_TOKEN)) {
      OrderedPushSender ordered =
          new OrderedPushSender(
              new FcmSender(
                  vertx,
                  fcm.baseUrl(),
                  FCM_PROJECT,
                  () -> Future.succeededFuture(FCM_ACCESS_TOKEN)));
      List<Future<PushOutcome>> sent = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        sent.add(ordered.send(device(1), message("push " + i)));
      }
      await(Future.all(sent));

      List<ReceivedPush> received = fcm.await(40, Duration.ofSeconds(10));
      for (int i = 0; i < 40; i++) {
        assertThat(
                new JsonObject(received.get(i).payload())
                    .getJsonObject("message")
                    .getJsonObject("notification")
                    .getString("title"))
            .isEqualTo("push " + i);
      }
      ordered.close();
    }
  }
}
