package io.civicline.mobileapi.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.civicline.core.config.Secret;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The APNs provider token: an ES256 JWT with the key id, the team as issuer and the issue time,
 * signed with the team's .p8 key. Apple refuses tokens older than an hour and throttles providers
 * that make new ones more than every 20 minutes, so one is reused for {@link #REUSE}.
 */
final class ApnsProviderToken {
  static final Duration REUSE = Duration.ofMinutes(50);

  private final String teamId;
  private final String keyId;
  private final ECDSASigner signer;
  private final Clock clock;
  private String token;
  private Instant issuedAt;

  ApnsProviderToken(String teamId, String keyId, Secret p8Key, Clock clock) {
    this.teamId = teamId;
    this.keyId = keyId;
    this.signer = signer(p8Key);
    this.clock = clock;
  }

  /** Runs on the sender's event loop only (one per sender), so it needs no lock. */
  String current() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(issuedAt.plus(REUSE)) || now.isBefore(issuedAt)) {
      token = sign(now);
      issuedAt = now;
    }
    return token;
  }

  /** Apple refused the token (expired, revoked key): the next push signs a new one. */
  void discard(String refused) {
    if (refused.equals(token)) {
      token = null;
    }
  }

  private String sign(Instant now) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
            new JWTClaimsSet.Builder().issuer(teamId).issueTime(Date.from(now)).build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the APNs provider token", e);
    }
    return jwt.serialize();
  }

  /** The key as Apple hands it out: a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
  private static ECDSASigner signer(Secret p8Key) {
    String base64 =
        p8Key.reveal().replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      ECPrivateKey key =
          (ECPrivateKey)
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      return new ECDSASigner(key);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      // no cause: its message could quote key material
      throw new IllegalArgumentException("the APNs key is not a PKCS#8 EC private key (.p8)");
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the APNs key is not a P-256 key");
    }
  }
}
