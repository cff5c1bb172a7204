package io.civicline.signaling.asterisk.agi;

import java.util.Locale;
import java.util.Set;

/** Command-line helpers: argument quoting and which commands Asterisk runs on dead channels. */
public final class AgiCommands {
  /**
   * Commands res_agi marks as usable on a dead channel (Asterisk 22): reading/writing variables,
   * the AstDB, VERBOSE, NOOP, EXEC, GOSUB, ASYNCAGI BREAK. Everything else gets 511 after the
   * caller hung up, so the session refuses it locally.
   */
  private static final Set<String> DEAD_OK_PREFIXES =
      Set.of(
          "GET VARIABLE",
          "GET FULL VARIABLE",
          "SET VARIABLE",
          "VERBOSE",
          "NOOP",
          "DATABASE",
          "EXEC",
          "GOSUB",
          "ASYNCAGI BREAK");

  private AgiCommands() {}

  /**
   * Quotes one argument the way res_agi's parser reads it: wrapped in double quotes, backslash and
   * double quote escaped with a backslash. Use it for anything that may contain spaces, quotes or
   * be empty ({@code ""}).
   *
   * @throws IllegalArgumentException for CR or LF (they would end the command line)
   */
  public static String quote(String arg) {
    if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("AGI arguments cannot contain CR or LF");
    }
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** True when Asterisk still executes {@code command} after the caller hung up. */
  public static boolean allowedOnDeadChannel(String command) {
    String upper = command.strip().toUpperCase(Locale.ROOT);
    for (String prefix : DEAD_OK_PREFIXES) {
      if (upper.equals(prefix) || upper.startsWith(prefix + " ")) {
        return true;
      }
    }
    return false;
  }

  /** A command line must be one non-empty line: no CR, no LF. */
  static void checkCommand(String command) {
    if (command.isBlank()) {
      throw new IllegalArgumentException("empty AGI command");
    }
    if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("AGI command must be a single line without CR/LF");
    }
  }
}
