package io.civicline.signaling.asterisk.calls;

import io.civicline.signaling.asterisk.agi.AgiCommands;
import io.civicline.signaling.asterisk.agi.AgiReply;
import io.civicline.signaling.asterisk.agi.AgiSession;
import io.civicline.signaling.asterisk.agi.ChannelHungUpException;
import java.io.IOException;
import java.util.Optional;

/**
 * The AGI commands a call flow needs, on one session. A {@code result=-1} reply means the caller
 * hung up during the command; it surfaces as {@link ChannelHungUpException} like a 511 does, so
 * callers handle one kind of hang-up.
 */
final class AgiLine {
  static final String ANY_KEY = "0123456789*#";

  private final AgiSession session;

  AgiLine(AgiSession session) {
    this.session = session;
  }

  void answer() throws IOException {
    checked("ANSWER");
  }

  /** Hangs up unless the caller already did. */
  void hangup() throws IOException {
    if (!session.hungUp()) {
      session.send("HANGUP");
    }
  }

  void setVariable(String name, String value) throws IOException {
    checked("SET VARIABLE " + name + " " + AgiCommands.quote(value));
  }

  /** A channel variable, also readable after the caller hung up; empty when unset. */
  Optional<String> variable(String name) throws IOException {
    AgiReply reply = session.send("GET VARIABLE " + name);
    return "1".equals(reply.result()) ? reply.dataOpt() : Optional.empty();
  }

  /** Plays a sound; the key that interrupted it, if {@code escapeKeys} allowed one. */
  Optional<Character> play(String sound, String escapeKeys) throws IOException {
    AgiReply reply = checked("STREAM FILE " + sound + " " + AgiCommands.quote(escapeKeys));
    return reply.resultInt().filter(code -> code > 0).map(code -> (char) code.intValue());
  }

  /** Plays {@code sound} and collects up to {@code maxDigits} keys; what was pressed, maybe "". */
  String getData(String sound, int timeoutMillis, int maxDigits) throws IOException {
    AgiReply reply = checked("GET DATA " + sound + " " + timeoutMillis + " " + maxDigits);
    return reply.result() == null ? "" : reply.result();
  }

  /** Runs a dialplan application; its raw reply (-1 is left to the caller to interpret). */
  AgiReply exec(String application, String options) throws IOException {
    return session.send("EXEC " + application + " " + AgiCommands.quote(options));
  }

  /** Records into {@code path} (without extension) as WAV; the reply tells how it ended. */
  AgiReply record(String path, int maxSeconds, int silenceSeconds) throws IOException {
    return session.send(
        "RECORD FILE "
            + path
            + " wav "
            + AgiCommands.quote("#")
            + " "
            + maxSeconds * 1000L
            + " 0 BEEP s="
            + silenceSeconds);
  }

  boolean hungUp() {
    return session.hungUp();
  }

  private AgiReply checked(String command) throws IOException {
    AgiReply reply = session.send(command);
    if (reply.resultInt().orElse(0) == -1 || session.hungUp()) {
      throw new ChannelHungUpException("caller hung up during: " + command, reply);
    }
    return reply;
  }
}
