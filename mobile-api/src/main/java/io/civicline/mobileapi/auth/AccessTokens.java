package io.civicline.mobileapi.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.civicline.core.validation.Formats;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Signs and checks staff access tokens: JWTs (HS256, {@code typ: at+jwt} as RFC 9068 has it) with
 * {@code sub} = staff id, {@code tid} = town, {@code sid} = session, {@code roles}, {@code iat},
 * {@code exp} and {@code jti}. This checks the token alone; whether its session is still alive is
 * {@link StaffSessions}'s part.
 */
public final class AccessTokens {
  /** The one algorithm accepted: a token naming any other (including "none") is refused. */
  static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;

  static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Duration leeway;

  public AccessTokens(StaffAuthSettings settings) {
    byte[] key = settings.signingKey().reveal().getBytes(StandardCharsets.UTF_8);
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable staff token signing key", e);
    }
    this.issuer = settings.issuer();
    this.audience = settings.audience();
    this.ttl = settings.accessTokenTtl();
    this.leeway = settings.clockLeeway();
  }

  /** A signed token for {@code principal}, valid from {@code now} for the configured lifetime. */
  public IssuedAccessToken issue(StaffPrincipal principal, Instant now) {
    Instant expires = now.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(principal.staffId())
            .claim("tid", principal.tenant())
            .claim("sid", principal.sessionId())
            .claim("roles", new ArrayList<>(principal.roles()))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(RandomTokens.id())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(TYPE).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a staff access token", e);
    }
    return new IssuedAccessToken(jwt.serialize(), expires);
  }

  /** A token and when it expires. */
  public record IssuedAccessToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedAccessToken[token=***, expiresAt=" + expiresAt + "]";
    }
  }

  /** The principal a genuine, current token names; {@link InvalidToken} otherwise. */
  public StaffPrincipal verify(String token, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw InvalidToken.access("not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    // The algorithm is pinned rather than taken from the header: the classic JWT forgeries swap it.
    if (!ALGORITHM.equals(header.getAlgorithm())) {
      throw InvalidToken.access("algorithm " + header.getAlgorithm());
    }
    if (!TYPE.equals(header.getType())) {
      throw InvalidToken.access("not an access token");
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw InvalidToken.access("unsupported critical header");
    }
    if (!verifySignature(jwt)) {
      throw InvalidToken.access("bad signature");
    }
    checkTimes(claims, now);
    if (!issuer.equals(claims.getIssuer())) {
      throw InvalidToken.access("wrong issuer");
    }
    if (claims.getAudience() == null || !claims.getAudience().equals(List.of(audience))) {
      throw InvalidToken.access("wrong audience");
    }
    return principal(claims);
  }

  private boolean verifySignature(SignedJWT jwt) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException e) {
      return false;
    }
  }

  private void checkTimes(JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw InvalidToken.access("no exp or iat");
    }
    if (!now.isBefore(exp.toInstant().plus(leeway))) {
      throw InvalidToken.access("expired");
    }
    if (iat.toInstant().isAfter(now.plus(leeway))) {
      throw InvalidToken.access("issued in the future");
    }
  }

  private static StaffPrincipal principal(JWTClaimsSet claims) {
    try {
      String staffId = claims.getSubject();
      String tenant = claims.getStringClaim("tid");
      String session = claims.getStringClaim("sid");
      List<String> roles = claims.getStringListClaim("roles");
      if (staffId == null
          || staffId.isBlank()
          || tenant == null
          || Formats.slug(tenant) != null
          || session == null
          || !RandomTokens.isId(session)
          || roles == null) {
        throw InvalidToken.access("missing or malformed claims");
      }
      return new StaffPrincipal(tenant, staffId, roles, session);
    } catch (ParseException e) {
      throw InvalidToken.access("mistyped claims");
    }
  }
}
