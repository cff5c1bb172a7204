package io.civicline.mobileapi.auth;

import io.civicline.core.validation.Formats;
import java.util.Optional;

/**
 * A refresh token, {@code <tenant>.<sessionId>.<secret>}: the town and session say where to look
 * (neither is secret, both are in every access token), the 256-bit secret proves possession and is
 * stored only as its SHA-256.
 */
record RefreshToken(String tenant, String sessionId, String secret) {
  static RefreshToken fresh(String tenant, String sessionId) {
    return new RefreshToken(tenant, sessionId, RandomTokens.secret());
  }

  static Optional<RefreshToken> parse(String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3
        || Formats.slug(parts[0]) != null
        || !RandomTokens.isId(parts[1])
        || !RandomTokens.isSecret(parts[2])) {
      return Optional.empty();
    }
    return Optional.of(new RefreshToken(parts[0], parts[1], parts[2]));
  }

  String encode() {
    return tenant + "." + sessionId + "." + secret;
  }

  String hash() {
    return RandomTokens.sha256(secret);
  }

  @Override
  public String toString() {
    return "RefreshToken[tenant=" + tenant + ", sessionId=" + sessionId + ", secret=***]";
  }
}
