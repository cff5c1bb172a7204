package io.civicline.voicemail.pin;

import java.util.Set;

/**
 * What a voicemail PIN must look like: 6 to 12 digits and not trivially guessable. A PIN of only
 * digits is a small space (10^6 for six digits), so the policy removes the choices people make
 * first: one digit repeated, runs up or down the keypad's digits (wrapping past 9 or 0, so 890123
 * and 210987 count), a short block repeated (121212, 123123, 1231231) and a list of PINs notorious
 * from published studies of chosen PINs and keypad shapes.
 *
 * <p>Check a new PIN with {@link #problem(String)} before hashing it; the lockout in {@link
 * PinGuard} is what makes the remaining space expensive to search.
 */
public final class PinPolicy {
  public static final int MIN_LENGTH = 6;
  public static final int MAX_LENGTH = 12;

  /**
   * Common PINs that the structural rules do not already catch: keypad lines and zigzags, mirrored
   * halves, doubled digits counted up or down, famous numbers. Runs, repeats and repeated blocks
   * are rejected by rule and need not be listed.
   */
  private static final Set<String> NOTORIOUS =
      Set.of(
          "112233",
          "332211",
          "111222",
          "222111",
          "112211",
          "11223344",
          "123321",
          "321123",
          "654456",
          "159753",
          "357951",
          "753159",
          "951357",
          "159357",
          "357159",
          "147258",
          "258369",
          "147369",
          "369147",
          "147852",
          "258456",
          "741852",
          "852963",
          "963852",
          "369258",
          "789456",
          "456123",
          "321654",
          "123654",
          "789123",
          "123789",
          "102030",
          "246810",
          "135790",
          "112358",
          "314159",
          "142857",
          "654123");

  private PinPolicy() {}

  /**
   * Why {@code pin} is not acceptable, as a sentence fragment for an error detail; null if fine.
   */
  public static String problem(String pin) {
    if (pin == null || pin.isEmpty()) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " digits";
    }
    for (int i = 0; i < pin.length(); i++) {
      char c = pin.charAt(i);
      if (c < '0' || c > '9') {
        return "must contain digits only";
      }
    }
    if (pin.length() < MIN_LENGTH || pin.length() > MAX_LENGTH) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " digits";
    }
    if (step(pin, 0)) {
      return "must not be one digit repeated, such as 111111";
    }
    if (step(pin, 1) || step(pin, 9)) {
      return "must not be a run of consecutive digits, such as 123456 or 987654";
    }
    if (repeatsShortBlock(pin)) {
      return "must not repeat a short pattern, such as 121212 or 123123";
    }
    if (NOTORIOUS.contains(pin)) {
      return "is one of the most common PINs; choose one that is harder to guess";
    }
    return null;
  }

  /** Whether every digit is the one before it plus {@code delta}, counting modulo 10. */
  private static boolean step(String pin, int delta) {
    for (int i = 1; i < pin.length(); i++) {
      if ((pin.charAt(i - 1) - '0' + delta) % 10 != pin.charAt(i) - '0') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the PIN repeats a block of at most half its length (121212, 123123, 1231231): every
   * digit equals the one a block's length before it.
   */
  private static boolean repeatsShortBlock(String pin) {
    for (int period = 1; period <= pin.length() / 2; period++) {
      boolean periodic = true;
      for (int i = period; i < pin.length() && periodic; i++) {
        periodic = pin.charAt(i) == pin.charAt(i - period);
      }
      if (periodic) {
        return true;
      }
    }
    return false;
  }
}
