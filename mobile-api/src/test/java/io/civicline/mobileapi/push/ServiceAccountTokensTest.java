package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.FCM_ACCESS_TOKEN;
import static io.civicline.mobileapi.push.PushFixtures.FCM_PROJECT;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.push.FcmStandIn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FCM access tokens from a service-account key, against the stand-in's token endpoint. */
class ServiceAccountTokensTest {
  static final String EMAIL = "civicline-push@lakeside-app.iam.gserviceaccount.com";

  private final Vertx vertx = Vertx.vertx();
  private final FcmStandIn fcm = FcmStandIn.start(FCM_PROJECT, FCM_ACCESS_TOKEN);
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final KeyPair keys = rsa();
  private ServiceAccountTokens tokens;

  @AfterEach
  void stop() {
    if (tokens != null) {
      tokens.close();
    }
    fcm.close();
    await(vertx.close());
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key file as Firebase's console hands it out. */
  static Secret keyFile(KeyPair keys, String tokenUri) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Secret.of(
        new JsonObject()
            .put("type", "service_account")
            .put("project_id", FCM_PROJECT)
            .put("private_key_id", "k1")
            .put("private_key", pem)
            .put("client_email", EMAIL)
            .put("token_uri", tokenUri)
            .encode());
  }

  private ServiceAccountTokens tokens(KeyPair signing) {
    tokens =
        new ServiceAccountTokens(
            vertx, GoogleServiceAccount.parse(keyFile(signing, fcm.tokenUri())), clock);
    return tokens;
  }

  @Test
  void anAssertionSignedByTheAccountGetsATokenThatFcmTakes() {
    fcm.acceptServiceAccount(EMAIL, keys.getPublic());
    ServiceAccountTokens source = tokens(keys);
    FcmSender sender = new FcmSender(vertx, fcm.baseUrl(), FCM_PROJECT, source);

    PushOutcome outcome =
        await(
            sender.send(
                new Device("d1", Platform.FCM, fcmToken(1), "1.0", Instant.now()),
                new PushMessage("New voicemail", "From +1", new JsonObject(), Optional.empty())));

    assertThat(outcome.status()).isEqualTo(PushOutcome.Status.DELIVERED);
    assertThat(fcm.tokenRequests()).isEqualTo(1);
    sender.close();
  }

  @Test
  void oneExchangeServesUntilShortlyBeforeExpiry() {
    fcm.acceptServiceAccount(EMAIL, keys.getPublic()).tokenLifetimeSeconds(3600);
    ServiceAccountTokens source = tokens(keys);
    List<Future<String>> together = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      together.add(source.get());
    }
    await(Future.all(together));
    assertThat(together).allSatisfy(f -> assertThat(f.result()).isEqualTo(FCM_ACCESS_TOKEN));
    assertThat(fcm.tokenRequests()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(54));
    await(source.get());
    assertThat(fcm.tokenRequests()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1)); // within the five-minute margin
    await(source.get());
    assertThat(fcm.tokenRequests()).isEqualTo(2);
  }

  @Test
  void aRefusedAssertionFailsAndTheNextPushTriesAgain() {
    fcm.acceptServiceAccount(EMAIL, rsa().getPublic()); // Google knows another key
    ServiceAccountTokens source = tokens(keys);
    assertThatThrownBy(() -> await(source.get()))
        .hasMessageContaining("400")
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("PRIVATE");
    fcm.acceptServiceAccount(EMAIL, keys.getPublic()); // the key was rotated in
    assertThat(await(source.get())).isEqualTo(FCM_ACCESS_TOKEN);
    assertThat(fcm.tokenRequests()).isEqualTo(2);
  }

  @Test
  void aBrokenKeyFileNamesWhatIsWrongWithoutTheKey() {
    Secret broken =
        Secret.of(
            new JsonObject()
                .put("type", "service_account")
                .put("private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
                .encode());
    assertThatThrownBy(() -> GoogleServiceAccount.parse(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("client_email is missing; private_key is not a PKCS#8 RSA key");
    assertThatThrownBy(() -> GoogleServiceAccount.parse(Secret.of("{")))
        .hasMessage("not a JSON service-account key file");
    assertThat(GoogleServiceAccount.parse(keyFile(keys, fcm.tokenUri())).toString())
        .doesNotContain("PRIVATE")
        .contains(EMAIL);
  }
}
