package io.civicline.bench.agi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulated Asterisk answers to each AGI command, in the wire format of the recorded
 * transcripts (testkit/src/main/resources/asterisk/agi-*.txt). Generic on purpose: every call
 * "succeeds", keys come from a list, variables from a map, so any handler can run to its end.
 *
 * @param digits what successive GET DATA commands of one call return (the last one repeats)
 * @param variables GET VARIABLE values by name; others read as {@value #UNKNOWN_VALUE}
 */
record AsteriskReplies(List<String> digits, Map<String, String> variables) {
  static final String UNKNOWN_VALUE = "bench";

  AsteriskReplies {
    digits = List.copyOf(digits);
    variables = Map.copyOf(variables);
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("at least one GET DATA answer");
    }
  }

  /** Key 1 on every menu; every dial unanswered, so calls go on to voicemail. */
  static AsteriskReplies defaults() {
    return new AsteriskReplies(
        List.of("1"), Map.of("DIALSTATUS", "NOANSWER", "CALLERID(num)", "+12695550123"));
  }

  /**
   * One reply.
   *
   * @param line the reply line, without its LF
   * @param keyPress whether this is the caller pressing keys (GET DATA), which the load tool may
   *     hold back
   * @param hangsUp whether Asterisk hangs the channel up after this reply
   */
  record Reply(String line, boolean keyPress, boolean hangsUp) {
    static Reply of(String line) {
      return new Reply(line, false, false);
    }
  }

  /**
   * @param getDataCount how many GET DATA commands this call answered before
   */
  Reply to(String command, int getDataCount) {
    String upper = command.strip().toUpperCase(Locale.ROOT);
    if (upper.equals("ANSWER")) {
      return Reply.of("200 result=0");
    }
    if (upper.startsWith("STREAM FILE ") || upper.startsWith("CONTROL STREAM FILE ")) {
      return Reply.of("200 result=0 endpos=8000");
    }
    if (upper.startsWith("GET DATA ")) {
      String keys = digits.get(Math.min(getDataCount, digits.size() - 1));
      return new Reply("200 result=" + keys, true, false);
    }
    if (upper.startsWith("WAIT FOR DIGIT ")) {
      return Reply.of("200 result=" + (int) digits.get(0).charAt(0)); // ASCII code: '1' is 49
    }
    if (upper.startsWith("EXEC ")) {
      return Reply.of("200 result=0");
    }
    if (upper.startsWith("GET VARIABLE ") || upper.startsWith("GET FULL VARIABLE ")) {
      return Reply.of("200 result=1 (" + variable(command) + ")");
    }
    if (upper.startsWith("SET VARIABLE ")) {
      return Reply.of("200 result=1");
    }
    if (upper.startsWith("RECORD FILE ")) {
      return Reply.of("200 result=0 (timeout) endpos=8000");
    }
    if (upper.equals("VERBOSE") || upper.startsWith("VERBOSE ")) {
      return Reply.of("200 result=1");
    }
    if (upper.equals("NOOP") || upper.startsWith("NOOP ")) {
      return Reply.of("200 result=0");
    }
    if (upper.equals("HANGUP") || upper.startsWith("HANGUP ")) {
      return new Reply("200 result=1", false, true);
    }
    return Reply.of("510 Invalid or unknown command");
  }

  /** The last word of {@code GET [FULL] VARIABLE <name>}, without quotes. */
  private String variable(String command) {
    String[] words = command.strip().split("\\s+");
    String name = words[words.length - 1].replace("\"", "");
    return variables.getOrDefault(name, UNKNOWN_VALUE);
  }
}
