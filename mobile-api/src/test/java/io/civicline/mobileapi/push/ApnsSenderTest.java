package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.KEY_ID;
import static io.civicline.mobileapi.push.PushFixtures.TEAM;
import static io.civicline.mobileapi.push.PushFixtures.TOPIC;
import static io.civicline.mobileapi.push.PushFixtures.apnsToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.TestClock;
import io.civicline.testkit.push.ApnsStandIn;
import io.civicline.testkit.push.ReceivedPush;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The APNs sender against the HTTP/2 stand-in, which checks provider tokens as Apple does. */
class ApnsSenderTest {
  private final Vertx vertx = Vertx.vertx();
  private final KeyPair keys = PushFixtures.p256();
  private final TestClock clock = new TestClock(Instant.now());
  private final ApnsStandIn apns = ApnsStandIn.start(TEAM, KEY_ID, keys.getPublic(), TOPIC, clock);
  private final PushMessage message =
      new PushMessage(
          "Incoming call",
          "+12075550123",
          new JsonObject().put("type", "call.ringing").put("callId", "c1"),
          Optional.of("call-c1"));

  @AfterEach
  void stop() {
    apns.close();
    await(vertx.close());
  }

  private ApnsSender sender(KeyPair signingKeys) {
    return new ApnsSender(
        vertx,
        new ApnsSender.Settings(apns.baseUrl(), TEAM, KEY_ID, PushFixtures.p8(signingKeys), TOPIC),
        clock);
  }

  private static Device device(String token) {
    return new Device(
        DeviceRegistry.deviceId(Platform.APNS, token), Platform.APNS, token, "1.0", Instant.now());
  }

  @Test
  void deliversOverHttp2WithTheHeadersApnsWants() {
    PushOutcome outcome = await(sender(keys).send(device(apnsToken(1)), message));

    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.DELIVERED);
    ReceivedPush push = apns.await(1, Duration.ofSeconds(5)).get(0);
    assertThat(push.token()).isEqualTo(apnsToken(1));
    assertThat(push.headers())
        .containsEntry("apns-topic", TOPIC)
        .containsEntry("apns-push-type", "alert")
        .containsEntry("apns-collapse-id", "call-c1");
    JsonObject payload = new JsonObject(push.payload());
    assertThat(payload.getJsonObject("aps").getJsonObject("alert"))
        .isEqualTo(new JsonObject().put("title", "Incoming call").put("body", "+12075550123"));
    assertThat(payload.getJsonObject("data").getString("callId")).isEqualTo("c1");
  }

  @Test
  void reusesOneProviderTokenForFiftyMinutesThenSignsANewOne() {
    ApnsSender sender = sender(keys);
    await(sender.send(device(apnsToken(1)), message));
    clock.advance(Duration.ofMinutes(49));
    await(sender.send(device(apnsToken(1)), message));
    assertThat(apns.providerTokens()).hasSize(1);

    clock.advance(Duration.ofMinutes(2));
    assertThat(await(sender.send(device(apnsToken(1)), message)).status())
        .isEqualTo(PushOutcome.Status.DELIVERED);
    assertThat(apns.providerTokens()).hasSize(2);
  }

  @Test
  void aTokenApnsCallsGoneIsUnregistered() {
    apns.unregister(apnsToken(2));
    PushOutcome outcome = await(sender(keys).send(device(apnsToken(2)), message));
    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.UNREGISTERED);
  }

  @Test
  void serverTroubleIsARetryableFailureAndAForeignKeyIsNot() {
    apns.failNext(1, 503);
    PushOutcome down = await(sender(keys).send(device(apnsToken(3)), message));
    assertThat(down.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(down.retryable()).isTrue();

    PushOutcome forged = await(sender(PushFixtures.p256()).send(device(apnsToken(3)), message));
    assertThat(forged.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(forged.retryable()).isFalse();
    assertThat(forged.reason()).contains("InvalidProviderToken");
    assertThat(apns.received()).isEmpty();
  }

  @Test
  void anUnreachableServiceIsARetryableFailure() {
    apns.close();
    PushOutcome outcome = await(sender(keys).send(device(apnsToken(4)), message));
    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.FAILED);
    assertThat(outcome.retryable()).isTrue();
  }
}
