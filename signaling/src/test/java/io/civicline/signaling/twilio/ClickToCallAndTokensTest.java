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

/** The Voice SDK access tokens (click-to-call is tested end to end in ops). */
class ClickToCallAndTokensTest {
  private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  private static final String KEY_SID = "SK" + "fedcba9876543210".repeat(2);
  private static final String KEY_SECRET = "k3y-secret-of-thirty-two-chars!!";

  @Test
  void aClickToCallLegNeedsNumbersAndNames() {
    java.util.Map<String, String> good =
        java.util.Map.of(
            "to", "+12075550123",
            "callerId", "+12075550100",
            "staff", "jim-oconnor",
            "department", "public-works");
    ClickToCallCalls.Leg leg = ClickToCallCalls.Leg.of(good).orElseThrow();
    assertThat(ClickToCallCalls.Leg.of(query(leg.query()))).contains(leg);
    for (String[] bad :
        new String[][] {
          {"to", "sip:evil@x"}, {"callerId", "client:boss"}, {"staff", "Jim"}, {"department", ""}
        }) {
      java.util.Map<String, String> edited = new java.util.HashMap<>(good);
      edited.put(bad[0], bad[1]);
      assertThat(ClickToCallCalls.Leg.of(edited)).as(bad[0]).isEmpty();
    }
  }

  private static java.util.Map<String, String> query(String query) {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      map.put(
          java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return map;
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
