package io.civicline.signaling.asterisk.ami;

/** Lenient number parsing for header values: Asterisk data must never crash event delivery. */
final class AmiNumbers {
  private AmiNumbers() {}

  static int parseInt(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
