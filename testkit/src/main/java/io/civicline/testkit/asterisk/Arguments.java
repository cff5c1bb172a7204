package io.civicline.testkit.asterisk;

import java.util.ArrayList;
import java.util.List;

/** Splits an AGI command's arguments as res_agi does: spaces, double quotes, backslash escapes. */
final class Arguments {
  private Arguments() {}

  static List<String> split(String text) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inArg = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
        inArg = true;
      } else if (c == '"') {
        quoted = !quoted;
        inArg = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      args.add(current.toString());
    }
    return args;
  }
}
