package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.FCM_ACCESS_TOKEN;
import static io.civicline.mobileapi.push.PushFixtures.FCM_PROJECT;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.push.FcmStandIn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries against the FCM stand-in: passing failures are retried, final ones are not. */
class RetryingPushSenderTest {
  private static final List<Duration> QUICK = List.of(Duration.ofMillis(1), Duration.ofMillis(1));

  private final Vertx vertx = Vertx.vertx();
  private final FcmStandIn fcm = FcmStandIn.start(FCM_PROJECT, FCM_ACCESS_TOKEN);
  private final PushMessage message =
      new PushMessage("Incoming call", "+12075550123", new JsonObject(), Optional.of("call-c1"));
  private final RetryingPushSender sender =
      new RetryingPushSender(
          vertx,
          new FcmSender(
              vertx, fcm.baseUrl(), FCM_PROJECT, () -> Future.succeededFuture(FCM_ACCESS_TOKEN)),
          QUICK);

  @AfterEach
  void stop() throws Exception {
    sender.close();
    fcm.close();
    await(vertx.close());
  }

  private static Device device(String token) {
    return new Device(
        DeviceRegistry.deviceId(Platform.FCM, token), Platform.FCM, token, "1.0", Instant.now());
  }

  @Test
  void anUnavailableServiceIsTriedAgain() {
    fcm.failNext(2, 503);
    PushOutcome outcome = await(sender.send(device(fcmToken(1)), message));

    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.DELIVERED);
    assertThat(fcm.requests()).isEqualTo(3);
    assertThat(fcm.received()).hasSize(1);
  }

  @Test
  void afterTheLastPauseTheFailureIsReported() {
    fcm.failNext(3, 429);
    PushOutcome outcome = await(sender.send(device(fcmToken(1)), message));

    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(outcome.retryable()).isTrue();
    assertThat(fcm.requests()).isEqualTo(3);
    assertThat(fcm.received()).isEmpty();
  }

  @Test
  void finalAnswersAreNotRetried() {
    fcm.unregister(fcmToken(2));
    assertThat(await(sender.send(device(fcmToken(2)), message)).status())
        .isEqualTo(PushOutcome.Status.UNREGISTERED);
    assertThat(fcm.requests()).isEqualTo(1);
  }
}
