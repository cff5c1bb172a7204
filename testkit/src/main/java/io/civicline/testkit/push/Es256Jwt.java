package io.civicline.testkit.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an ES256 JWT with the JDK alone (the testkit has no JSON or JOSE library): the signature
 * over the first two parts, and reads the few claims an APNs provider token has.
 */
final class Es256Jwt {
  private Es256Jwt() {}

  /** The token's header and claims JSON when its signature is valid for {@code key}. */
  record Verified(String header, String claims) {
    Optional<String> headerField(String name) {
      return field(header, name);
    }

    Optional<String> claim(String name) {
      return field(claims, name);
    }
  }

  static Optional<Verified> verify(String jwt, PublicKey key) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!signature.verify(decoder.decode(parts[2]))) {
        return Optional.empty();
      }
      return Optional.of(
          new Verified(
              new String(decoder.decode(parts[0]), StandardCharsets.UTF_8),
              new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A string or number member of a flat JSON object. */
  static Optional<String> field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?\\d+))")
            .matcher(json);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(2) != null ? m.group(2) : m.group(3));
  }
}
