package io.civicline.signaling.asterisk.agi;

/** Log helpers: short, printable excerpts of untrusted wire text. */
final class AgiLog {
  private static final int MAX = 80;

  private AgiLog() {}

  static String excerpt(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > MAX) {
      b.append("...(").append(s.length()).append(" chars)");
    }
    return b.toString();
  }
}
