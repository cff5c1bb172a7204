package io.civicline.mobileapi.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), which carries its own parameters.
 *
 * <p>Every method blocks for tens of milliseconds on purpose (that is what makes guessing
 * expensive): call them on a worker thread, never on an event loop.
 */
public final class PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Argon2Parameters parameters;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(Argon2Parameters parameters) {
    this.parameters = parameters;
  }

  public Argon2Parameters parameters() {
    return parameters;
  }

  /** A new hash of {@code password} with a fresh random salt and the current parameters. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, parameters, HASH_BYTES);
    return "$argon2id$v=19$m="
        + parameters.memoryKiB()
        + ",t="
        + parameters.iterations()
        + ",p="
        + parameters.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code encoded}; false for anything unreadable. */
  public boolean verify(String password, String encoded) {
    Optional<Decoded> decoded = decode(encoded);
    if (decoded.isEmpty()) {
      return false;
    }
    Decoded d = decoded.get();
    byte[] actual = derive(password, d.salt(), d.parameters(), d.hash().length);
    // constant-time, so the comparison leaks nothing about how much of the hash matched
    return MessageDigest.isEqual(actual, d.hash());
  }

  /** Whether a stored hash was made with weaker parameters than today's and should be redone. */
  public boolean needsRehash(String encoded) {
    return decode(encoded).map(d -> d.parameters().weakerThan(parameters)).orElse(true);
  }

  private static byte[] derive(String password, byte[] salt, Argon2Parameters p, int length) {
    org.bouncycastle.crypto.params.Argon2Parameters params =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }

  private record Decoded(Argon2Parameters parameters, byte[] salt, byte[] hash) {}

  private static Optional<Decoded> decode(String encoded) {
    if (encoded == null) {
      return Optional.empty();
    }
    Matcher m = PHC.matcher(encoded);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Argon2Parameters p =
          new Argon2Parameters(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      byte[] salt = B64D.decode(m.group(4));
      byte[] hash = B64D.decode(m.group(5));
      if (salt.length < 8 || hash.length < 16) {
        return Optional.empty();
      }
      return Optional.of(new Decoded(p, salt, hash));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
