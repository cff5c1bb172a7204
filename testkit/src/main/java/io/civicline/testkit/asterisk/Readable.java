package io.civicline.testkit.asterisk;

/** Renders wire bytes readably: {@code \n}, {@code \r}, {@code \t} and {@code \xNN} escapes. */
final class Readable {
  private Readable() {}

  static String escape(byte[] bytes) {
    return escape(bytes, 0, bytes.length);
  }

  /** Printable ASCII as is, {@code \n \r \t \\ \"} escaped, every other byte as {@code \xNN}. */
  static String escape(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, from); i < Math.min(to, bytes.length); i++) {
      int b = bytes[i] & 0xff;
      switch (b) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        default -> {
          if (b >= 0x20 && b < 0x7f) {
            out.append((char) b);
          } else {
            out.append(String.format("\\x%02X", b));
          }
        }
      }
    }
    return out.toString();
  }

  static String quote(byte[] bytes) {
    return "\"" + escape(bytes) + "\"";
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** 1-based line and column of {@code offset} in {@code bytes} (lines end at LF). */
  static String position(byte[] bytes, long offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, bytes.length); i++) {
      if (bytes[i] == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return "line " + line + ", column " + col;
  }
}
