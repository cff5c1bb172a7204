package io.civicline.voicemail.pin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes voicemail PINs with PBKDF2-HMAC-SHA256 and a random 16-byte salt, encoded as {@code
 * pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} (standard base64 with padding, 32-byte
 * hash). The iteration count travels with each hash, so raising {@link #DEFAULT_ITERATIONS} later
 * keeps old hashes verifiable; {@link #needsRehash(String)} tells when to store a fresh one.
 *
 * <p><b>Both {@link #hash(String)} and {@link #verify(String, String)} are deliberately slow</b>
 * (tens of milliseconds of CPU): call them on a worker thread ({@code vertx.executeBlocking}),
 * never on an event loop. {@link PinGuard} does so.
 *
 * <p>Thread-safe.
 */
public final class PinHasher {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int MIN_ITERATIONS = 120_000;
  public static final int DEFAULT_ITERATIONS = 210_000;

  /** A stored hash claiming more work than this is treated as corrupt rather than computed. */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  /**
   * Compared against when the stored hash is missing or malformed, so that answering "no" costs as
   * long as it does for a real hash and the time taken does not tell whether a mailbox has a PIN.
   */
  private final byte[] decoySalt = new byte[SALT_BYTES];

  public PinHasher() {
    this(DEFAULT_ITERATIONS);
  }

  public PinHasher(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be " + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ": " + iterations);
    }
    this.iterations = iterations;
    random.nextBytes(decoySalt);
  }

  /** A new hash of {@code pin} with a fresh salt. Check the PIN with {@link PinPolicy} first. */
  public String hash(String pin) {
    if (pin == null || pin.isEmpty()) {
      throw new IllegalArgumentException("no PIN");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(pin, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Whether {@code pin} matches {@code encoded}, compared in constant time. False, never an
   * exception, for a null or empty PIN and for a missing, malformed or unknown-scheme hash; those
   * still cost one derivation so they take as long as a real comparison.
   */
  public boolean verify(String pin, String encoded) {
    Parsed parsed = parse(encoded);
    if (parsed == null || pin == null || pin.isEmpty()) {
      derive("0", decoySalt, iterations);
      return false;
    }
    byte[] actual = derive(pin, parsed.salt(), parsed.iterations());
    return MessageDigest.isEqual(actual, parsed.hash());
  }

  /** Whether {@code encoded} is unreadable or weaker than this hasher would make it now. */
  public boolean needsRehash(String encoded) {
    Parsed parsed = parse(encoded);
    return parsed == null || parsed.iterations() < iterations;
  }

  /** Whether {@code encoded} is a hash this class can verify. */
  public static boolean isWellFormed(String encoded) {
    return parse(encoded) != null;
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    if (encoded == null) {
      return null;
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return null;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (rounds < 1 || rounds > MAX_ITERATIONS || salt.length < 8 || hash.length != HASH_BYTES) {
        return null;
      }
      return new Parsed(rounds, salt, hash);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] derive(String pin, byte[] salt, int rounds) {
    char[] chars = pin.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is not available", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
