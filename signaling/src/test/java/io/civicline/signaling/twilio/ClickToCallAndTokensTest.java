package io.civicline.signaling.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.config.Secret;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TwiML that connects a click-to-call, and the Voice SDK access tokens. */
class ClickToCallAndTokensTest {
  private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  private static final String KEY_SID = "SK" + "fedcba9876543210".repeat(2);
  private static final String KEY_SECRET = "k3y-secret-of-thirty-two-chars!!";

  @Test
  void connectDialsTheResidentWithTheDepartmentsNumber() {
    String twiml = ClickToCallCalls.connect("+12075550123", "+12075550100");
    assertThat(twiml)
        .contains("<Say>Connecting your call.</Say>")
        .contains("<Dial callerId=\"+12075550100\" timeout=\"45\">")
        .contains("<Number>+12075550123</Number>");
  }

  @Test
  void connectHangsUpOnAnythingButNumbers() {
    for (String[] bad :
        new String[][] {
          {null, "+12075550100"},
          {"+12075550123", null},
          {"sip:evil@x", "+12075550100"},
          {"+12075550123", "client:boss"}
        }) {
      String twiml = ClickToCallCalls.connect(bad[0], bad[1]);
      assertThat(twiml).contains("<Hangup/>").doesNotContain("<Dial");
    }
  }

  @Test
  void voiceTokenIsSignedWithTheApiKeyAndNamesTheStaffMember() {
    VoiceSdkSettings sdk =
        new VoiceSdkSettings(
            KEY_SID,
            Secret.of(KEY_SECRET),
            Optional.of("AP" + "00112233445566778899aabbccddeeff"),
            Duration.ofMinutes(30));
    Instant now = Instant.now();
    VoiceAccessTokens.Issued issued = new VoiceAccessTokens(ACCOUNT, sdk).issue("jim", now);

    assertThat(issued.identity()).isEqualTo("jim");
    assertThat(issued.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    assertThat(issued.toString()).doesNotContain(issued.token());
    // Twilio marks the payload's content type (cty twilio-fpa;v=1), so it is read as content
    JsonObject claims = verified(issued.token(), KEY_SECRET);
    assertThat(claims.getString("iss")).isEqualTo(KEY_SID);
    assertThat(claims.getString("sub")).isEqualTo(ACCOUNT);
    JsonObject grants = claims.getJsonObject("grants");
    assertThat(grants.getString("identity")).isEqualTo("jim");
    JsonObject voice = grants.getJsonObject("voice");
    assertThat(voice.getJsonObject("incoming")).isEqualTo(new JsonObject().put("allow", true));
    assertThat(voice.getJsonObject("outgoing"))
        .isEqualTo(new JsonObject().put("application_sid", "AP00112233445566778899aabbccddeeff"));
    long lifetime = claims.getLong("exp") - now.getEpochSecond();
    assertThat(lifetime).isBetween(1790L, 1810L);
  }

  private static JsonObject verified(String token, String secret) {
    byte[] payload =
        Jwts.parser()
            .verifyWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
            .build()
            .parseSignedContent(token)
            .getPayload();
    return new JsonObject(new String(payload, StandardCharsets.UTF_8));
  }

  @Test
  void aTokenSignedWithAnotherSecretDoesNotVerify() {
    VoiceSdkSettings sdk =
        new VoiceSdkSettings(
            KEY_SID, Secret.of(KEY_SECRET), Optional.empty(), VoiceSdkSettings.DEFAULT_LIFETIME);
    String token = new VoiceAccessTokens(ACCOUNT, sdk).issue("jim", Instant.now()).token();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> verified(token, "another-secret-of-32-characters!"))
        .isInstanceOf(io.jsonwebtoken.security.SignatureException.class);
  }
}
