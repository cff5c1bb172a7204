package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.FCM_ACCESS_TOKEN;
import static io.civicline.mobileapi.push.PushFixtures.FCM_PROJECT;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.push.FcmStandIn;
import io.civicline.testkit.push.ReceivedPush;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FCM sender against the HTTP v1 stand-in. */
class FcmSenderTest {
  private final Vertx vertx = Vertx.vertx();
  private final FcmStandIn fcm = FcmStandIn.start(FCM_PROJECT, FCM_ACCESS_TOKEN);
  private final PushMessage message =
      new PushMessage(
          "New voicemail",
          "From +12075550123",
          new JsonObject().put("type", "voicemail.new").put("seconds", 12),
          Optional.of("voicemail-m1"));

  @AfterEach
  void stop() {
    fcm.close();
    await(vertx.close());
  }

  private FcmSender sender(String project, String accessToken) {
    return new FcmSender(vertx, fcm.baseUrl(), project, () -> Future.succeededFuture(accessToken));
  }

  private static Device device(String token) {
    return new Device(
        DeviceRegistry.deviceId(Platform.FCM, token), Platform.FCM, token, "1.0", Instant.now());
  }

  @Test
  void deliversAnHttpV1MessageWithNotificationDataAndCollapseKey() {
    PushOutcome outcome =
        await(sender(FCM_PROJECT, FCM_ACCESS_TOKEN).send(device(fcmToken(1)), message));

    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.DELIVERED);
    ReceivedPush push = fcm.await(1, Duration.ofSeconds(5)).get(0);
    JsonObject sent = new JsonObject(push.payload()).getJsonObject("message");
    assertThat(sent.getString("token")).isEqualTo(fcmToken(1));
    assertThat(sent.getJsonObject("notification"))
        .isEqualTo(new JsonObject().put("title", "New voicemail").put("body", "From +12075550123"));
    // FCM wants every data value as a string
    assertThat(sent.getJsonObject("data").getValue("seconds")).isEqualTo("12");
    assertThat(sent.getJsonObject("android").getString("collapse_key")).isEqualTo("voicemail-m1");
  }

  @Test
  void onlyAnUnregisteredAnswerMeansTheTokenIsGone() {
    fcm.unregister(fcmToken(2));
    assertThat(await(sender(FCM_PROJECT, FCM_ACCESS_TOKEN).send(device(fcmToken(2)), message)))
        .extracting(PushOutcome::status)
        .isEqualTo(PushOutcome.Status.UNREGISTERED);

    // a wrong project is a plain 404 too: it must not prune the town's devices
    PushOutcome wrongProject =
        await(sender("no-such-project", FCM_ACCESS_TOKEN).send(device(fcmToken(3)), message));
    assertThat(wrongProject.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(wrongProject.retryable()).isFalse();
  }

  @Test
  void serverTroubleAndExpiredAccessTokensAreRetryable() {
    fcm.failNext(1, 503);
    PushOutcome down =
        await(sender(FCM_PROJECT, FCM_ACCESS_TOKEN).send(device(fcmToken(4)), message));
    assertThat(down.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(down.retryable()).isTrue();

    PushOutcome refused = await(sender(FCM_PROJECT, "stale").send(device(fcmToken(4)), message));
    assertThat(refused.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(refused.retryable()).isTrue();
    assertThat(fcm.received()).isEmpty();
  }

  @Test
  void noAccessTokenIsARetryableFailureNotAnError() {
    FcmSender sender =
        new FcmSender(
            vertx,
            fcm.baseUrl(),
            FCM_PROJECT,
            () -> Future.failedFuture(new IllegalStateException("oauth down")));
    PushOutcome outcome = await(sender.send(device(fcmToken(5)), message));
    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(outcome.retryable()).isTrue();
    assertThat(fcm.requests()).isZero();
  }
}
