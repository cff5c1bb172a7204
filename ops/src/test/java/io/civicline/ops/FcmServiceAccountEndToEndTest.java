package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.config.Secret;
import io.civicline.mobileapi.push.GoogleServiceAccount;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.push.FcmStandIn;
import io.civicline.testkit.push.ReceivedPush;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment configured with a Firebase service account (not a fixed token): the server trades
 * the account's signed assertion for an access token and the pushes go out with it.
 */
@ExtendWith(RedisExtension.class)
class FcmServiceAccountEndToEndTest {
  static final String EMAIL = "push@lakeside-app.iam.gserviceaccount.com";
  static final String PASSWORD = "ledger-harbor-42-maple";

  private final RedisServer redis;
  @TempDir Path dir;

  FcmServiceAccountEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @Test
  void pushesGoOutWithATokenFromTheServiceAccount() throws Exception {
    redis.flushAll();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    try (TwilioStandIn twilio =
            TwilioStandIn.start(TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
        FcmStandIn fcm =
            FcmStandIn.start("lakeside-app", "ya29.granted-token")
                .acceptServiceAccount(EMAIL, keys.getPublic())) {
      GoogleServiceAccount account = GoogleServiceAccount.parse(keyFile(keys, fcm.tokenUri()));
      RunningServer server =
          RunningServer.withTwilioAndAsterisk(
              redis,
              dir,
              new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING),
              twilio,
              TwilioVoiceEndToEndTest.SID,
              TwilioVoiceEndToEndTest.TOKEN,
              List.of(),
              new CivicLineConfig.Push(
                  Optional.of("lakeside-app"),
                  fcm.baseUrl(),
                  Optional.empty(),
                  Optional.of(account),
                  Optional.empty()));
      try {
        Api maria = server.staffApp("lakeside", "maria-gonzalez", PASSWORD);
        assertThat(
                maria
                    .post(
                        "/api/v1/staff/devices",
                        new JsonObject()
                            .put("platform", "fcm")
                            .put("token", "maria-phone-token-0001")
                            .put("appVersion", "1.4.0"))
                    .status())
            .isEqualTo(201);

        twilio.call(
            server.voiceUrl(),
            TwilioVoiceEndToEndTest.RESIDENT,
            TwilioVoiceEndToEndTest.MAIN,
            CallerScript.pressing("1", "1").defaultDialOutcome(CallerScript.Outcome.NO_ANSWER));

        List<ReceivedPush> pushed = fcm.await(1, Duration.ofSeconds(10));
        assertThat(pushed.get(0).headers().get("authorization"))
            .isEqualTo("Bearer ya29.granted-token");
        assertThat(pushed.get(0).payload()).contains("Incoming call");
        assertThat(fcm.tokenRequests()).isEqualTo(1);
      } finally {
        server.close();
      }
    }
  }

  private static Secret keyFile(KeyPair keys, String tokenUri) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Secret.of(
        new JsonObject()
            .put("type", "service_account")
            .put("private_key_id", "k1")
            .put("private_key", pem)
            .put("client_email", EMAIL)
            .put("token_uri", tokenUri)
            .encode());
  }
}
