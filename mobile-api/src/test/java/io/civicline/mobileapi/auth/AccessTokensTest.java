package io.civicline.mobileapi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.civicline.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expired, forged and altered access tokens are refused; genuine ones name their principal. */
class AccessTokensTest {
  private static final String KEY = "access-token-test-key-0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final StaffAuthSettings settings =
      StaffAuthSettings.defaults(Secret.of(KEY), "https://civicline.test");
  private final AccessTokens tokens = new AccessTokens(settings);
  private final StaffPrincipal ann =
      new StaffPrincipal("lakeside", "ann", List.of("agent"), RandomTokens.id());

  @Test
  void aGenuineTokenNamesItsPrincipal() {
    AccessTokens.IssuedAccessToken issued = tokens.issue(ann, NOW);

    assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(tokens.verify(issued.token(), NOW.plusSeconds(60))).isEqualTo(ann);
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void expiresAfterItsLifetimePlusASmallLeeway() {
    String token = tokens.issue(ann, NOW).token();

    assertThat(tokens.verify(token, NOW.plus(Duration.ofMinutes(15)).plusSeconds(29)))
        .isEqualTo(ann);
    assertRefused(token, NOW.plus(Duration.ofMinutes(15)).plusSeconds(30), "expired");
    assertRefused(token, NOW.minus(Duration.ofMinutes(5)), "issued in the future");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    String forged =
        sign(claims().build(), JWSAlgorithm.HS256, "another-key-0123456789abcdef-0123456");
    assertRefused(forged, NOW, "bad signature");
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
    String payload = b64(claims().build().toString());
    assertRefused(header + "." + payload + ".", NOW, "not a signed JWT");
  }

  @Test
  void anotherAlgorithmWithTheSameKeyIsRefused() throws Exception {
    String hs512 = sign(claims().build(), JWSAlgorithm.HS512, KEY + KEY);
    assertRefused(hs512, NOW, "algorithm HS512");
  }

  @Test
  void alteredClaimsBreakTheSignature() {
    String token = tokens.issue(ann, NOW).token();
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"lakeside\"", "\"riverton\"");
    assertRefused(parts[0] + "." + b64(payload) + "." + parts[2], NOW, "bad signature");
  }

  @Test
  void issuerAudienceAndTypeMustMatch() throws Exception {
    assertRefused(
        sign(claims().issuer("https://evil").build(), JWSAlgorithm.HS256, KEY),
        NOW,
        "wrong issuer");
    assertRefused(
        sign(claims().audience("other-api").build(), JWSAlgorithm.HS256, KEY),
        NOW,
        "wrong audience");
    SignedJWT idToken =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            claims().build());
    idToken.sign(new MACSigner(KEY.getBytes(StandardCharsets.UTF_8)));
    assertRefused(idToken.serialize(), NOW, "not an access token");
  }

  @Test
  void claimsMustBeComplete() throws Exception {
    assertRefused(
        sign(claims().claim("tid", null).build(), JWSAlgorithm.HS256, KEY),
        NOW,
        "missing or malformed claims");
    assertRefused(
        sign(claims().claim("tid", "{t:x}").build(), JWSAlgorithm.HS256, KEY),
        NOW,
        "missing or malformed claims");
    assertRefused(
        sign(claims().expirationTime(null).build(), JWSAlgorithm.HS256, KEY), NOW, "no exp or iat");
  }

  @Test
  void settingsRefuseShortKeysWithoutShowingThem() {
    assertThatThrownBy(() -> StaffAuthSettings.defaults(Secret.of("short-secret-value"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short-secret-value");
    assertThat(settings.toString()).doesNotContain(KEY);
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer("https://civicline.test")
        .audience("civicline-staff-api")
        .subject("ann")
        .claim("tid", "lakeside")
        .claim("sid", ann.sessionId())
        .claim("roles", List.of("agent"))
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plusSeconds(600)))
        .jwtID("j1");
  }

  private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String key) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(alg).type(AccessTokens.TYPE).build(), claims);
    jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String token, Instant at, String reason) {
    assertThatThrownBy(() -> tokens.verify(token, at))
        .isInstanceOf(InvalidToken.class)
        .hasMessage(reason);
  }
}
