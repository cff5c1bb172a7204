package io.civicline.signaling.asterisk.agi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply from Asterisk.
 *
 * <ul>
 *   <li>{@code 200 result=<r>[ (<data>)][ endpos=<n>]}: {@code result} is the raw text after {@code
 *       result=} (may be empty: {@code 200 result= (timeout)}), {@code data} the text between the
 *       first {@code (} and the last {@code )} (may itself contain parentheses and quotes), {@code
 *       endpos} the offset where playback/recording stopped.
 *   <li>{@code 510}/{@code 511}/other single-line errors: {@code result} null, {@code data} the
 *       text after the code.
 *   <li>{@code 520}: {@code usage} holds the lines between {@code 520-...} and {@code 520 End of
 *       proper usage.}
 * </ul>
 *
 * @param line the (first) raw line, for logs and diagnostics
 */
public record AgiReply(
    int code, String result, String data, Long endpos, List<String> usage, String line) {

  public static final int SUCCESS = 200;
  public static final int INVALID_COMMAND = 510;
  public static final int DEAD_CHANNEL = 511;
  public static final int USAGE = 520;

  private static final Pattern OK =
      Pattern.compile("200 result=(\\S*)(?: \\((.*)\\))?(?: endpos=(-?\\d+))?");
  private static final Pattern ERROR = Pattern.compile("(5\\d\\d) (.*)");

  public AgiReply {
    usage = List.copyOf(Objects.requireNonNull(usage, "usage"));
    Objects.requireNonNull(line, "line");
  }

  public boolean success() {
    return code == SUCCESS;
  }

  /** {@code result} as a number, if it is one. */
  public Optional<Integer> resultInt() {
    if (result == null || result.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(result));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Optional<String> dataOpt() {
    return Optional.ofNullable(data);
  }

  /**
   * Parses a single-line reply (200, 510, 511 and other {@code 5xx}). 520 blocks are assembled by
   * the session.
   */
  static AgiReply parseLine(String line) throws AgiProtocolException {
    Matcher ok = OK.matcher(line);
    if (ok.matches()) {
      String endpos = ok.group(3);
      return new AgiReply(
          SUCCESS,
          ok.group(1),
          ok.group(2),
          endpos == null ? null : Long.parseLong(endpos),
          List.of(),
          line);
    }
    Matcher err = ERROR.matcher(line);
    if (err.matches()) {
      int code = Integer.parseInt(err.group(1));
      if (code == INVALID_COMMAND || code == DEAD_CHANNEL || code == USAGE) {
        return new AgiReply(code, null, err.group(2), null, List.of(), line);
      }
    }
    throw new AgiProtocolException("unexpected reply: " + AgiLog.excerpt(line));
  }
}
