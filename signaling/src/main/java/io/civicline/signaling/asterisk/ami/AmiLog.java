package io.civicline.signaling.asterisk.ami;

/** Log helpers: short, printable excerpts of untrusted wire text. */
final class AmiLog {
  private AmiLog() {}

  static String excerpt(String s) {
    return excerpt(s, 80);
  }

  /** At most {@code max} characters, control characters shown as {@code \xNN}. */
  static String excerpt(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > max) {
      b.append("...(").append(s.length()).append(" chars)");
    }
    return b.toString();
  }
}
