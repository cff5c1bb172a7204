package io.civicline.core.directory;

import java.util.Set;

/**
 * The country calling code at the start of an E.164 number. Codes are prefix-free (ITU-T E.164
 * assigns no code that starts another), so knowing which are one or two digits long is enough:
 * every other code has three.
 */
final class CountryCodes {
  private static final Set<String> ONE_DIGIT = Set.of("1", "7");
  private static final Set<String> TWO_DIGITS =
      Set.of(
          "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
          "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
          "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

  private CountryCodes() {}

  /** The calling code of {@code e164} ({@code +12075550100} -> {@code 1}), without the plus. */
  static String of(String e164) {
    String digits = e164.startsWith("+") ? e164.substring(1) : e164;
    if (digits.length() < 4) {
      throw new IllegalArgumentException("not an E.164 number: " + e164);
    }
    if (ONE_DIGIT.contains(digits.substring(0, 1))) {
      return digits.substring(0, 1);
    }
    if (TWO_DIGITS.contains(digits.substring(0, 2))) {
      return digits.substring(0, 2);
    }
    return digits.substring(0, 3);
  }
}
