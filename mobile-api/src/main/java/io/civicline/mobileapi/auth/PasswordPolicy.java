package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import java.util.Locale;
import java.util.Optional;

/**
 * What a staff password must be. Length matters most (NIST SP 800-63B): at least 12 characters, and
 * not trivially guessable from who it belongs to. No forced mix of symbols beyond "not only one
 * kind of character", which stops "aaaaaaaaaaaa" and "123456789012" without annoying people who use
 * pass phrases.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;

  /** Argon2 hashes any length, but a cap keeps a megabyte "password" from costing a hash. */
  public static final int MAX_LENGTH = 256;

  /** Why {@code password} is refused for {@code staff}, or empty when it is fine. */
  public Optional<String> problem(String password, StaffMember staff) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (password.strip().isEmpty()) {
      return Optional.of("must not be only spaces");
    }
    if (oneCharacterClass(password)) {
      return Optional.of("must mix kinds of characters (not only letters, or only digits)");
    }
    if (password.codePoints().distinct().count() < 4) {
      return Optional.of("must use more than a few different characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    Optional<String> email = staff.email().map(e -> e.toLowerCase(Locale.ROOT));
    if (email.isPresent()
        && (lower.contains(email.get()) || lower.contains(localPart(email.get())))) {
      return Optional.of("must not contain the email address");
    }
    if (lower.equals(staff.name().toLowerCase(Locale.ROOT).replace(" ", ""))
        || lower.equals(staff.name().toLowerCase(Locale.ROOT))) {
      return Optional.of("must not be the staff member's name");
    }
    return Optional.empty();
  }

  private static String localPart(String email) {
    int at = email.indexOf('@');
    String local = at < 0 ? email : email.substring(0, at);
    // a two-letter local part ("jo@...") is too short to rule out every password containing it
    return local.length() >= 4 ? local : email;
  }

  private static boolean oneCharacterClass(String password) {
    boolean letters = password.codePoints().allMatch(Character::isLetter);
    boolean digits = password.codePoints().allMatch(Character::isDigit);
    return letters || digits;
  }
}
