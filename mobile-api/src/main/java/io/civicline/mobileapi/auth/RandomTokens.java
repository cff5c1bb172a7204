package io.civicline.mobileapi.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Unguessable identifiers and secrets, and the digests under which secrets are stored. */
final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

  private RandomTokens() {}

  /** 128 random bits, base64url: session ids and JWT ids. */
  static String id() {
    return random(16);
  }

  static boolean isId(String value) {
    return ID.matcher(value).matches();
  }

  /** 256 random bits, base64url: the secret part of a refresh token. */
  static String secret() {
    return random(32);
  }

  static boolean isSecret(String value) {
    return SECRET.matcher(value).matches();
  }

  /**
   * SHA-256 of a secret, hex. Enough for random 256-bit secrets (no salt or stretching needed, as
   * there is no dictionary to try), and a copy of the database then holds nothing to sign in with.
   */
  static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return B64URL.encodeToString(value);
  }
}
