package io.civicline.signaling.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.FastAgiPeer;
import io.civicline.testkit.asterisk.ReplayResult;
import io.civicline.testkit.asterisk.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strict replays of every real FastAGI transcript against {@link FastAgiServer}: the handler sends
 * exactly the recorded app's commands through {@link AgiSession#send} and the replies must parse.
 */
class AgiTranscriptReplayTest {

  /** What the handler saw. {@code failFast} holds indexes of commands refused locally. */
  record Outcome(
      ReplayResult replay,
      AgiRequest request,
      List<String> commands,
      List<AgiReply> replies,
      List<Integer> failFast,
      boolean hungUp) {

    AgiReply replyTo(String command) {
      int i = commands.indexOf(command);
      assertThat(i).as("command %s in transcript", command).isNotNegative();
      return replies.get(i);
    }
  }

  static Stream<String> agiTranscripts() {
    return Transcript.names().stream()
        .filter(n -> n.startsWith("agi-"))
        .filter(n -> !n.equals("agi-pipelined-and-split-commands"));
  }

  /** App-side command lines of the transcript (without the LF; a CR stays). */
  static List<String> appLines(String name) {
    String app = new String(Transcript.load(name).appBytes(), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(app.split("\n", -1)));
    assertThat(lines.removeLast()).as("app side ends with LF").isEmpty();
    return lines;
  }

  static Outcome run(String name) throws Exception {
    List<String> lines = appLines(name);
    List<AgiReply> replies = new ArrayList<>();
    List<Integer> failFast = new ArrayList<>();
    CompletableFuture<Outcome> seen = new CompletableFuture<>();
    AgiSessionHandler handler =
        session -> {
          try {
            SocketAgiSession raw = (SocketAgiSession) session;
            for (int i = 0; i < lines.size(); i++) {
              String line = lines.get(i);
              if (line.isEmpty() || line.endsWith("\r")) {
                // deliberately odd lines of agi-errors (CRLF, empty line): send() refuses these
                raw.writeRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
                replies.add(raw.readReply());
                continue;
              }
              try {
                replies.add(session.send(line));
              } catch (ChannelHungUpException e) {
                if (e.notSent()) {
                  // refused locally; the recorded app did send it, so do too to stay in sync
                  failFast.add(i);
                  raw.writeRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
                  replies.add(raw.readReply());
                } else {
                  replies.add(e.reply().orElseThrow());
                }
              }
            }
            seen.complete(
                new Outcome(null, session.request(), lines, replies, failFast, session.hungUp()));
          } catch (Throwable t) {
            seen.completeExceptionally(t);
            throw t;
          }
        };
    try (FastAgiServer server =
        FastAgiServer.start(FastAgiServer.Options.defaults("127.0.0.1", 0), handler)) {
      ReplayResult result = FastAgiPeer.replay(name, "127.0.0.1", server.port());
      Outcome o = seen.get(10, TimeUnit.SECONDS);
      assertThat(server.failed()).isZero();
      return new Outcome(result, o.request(), lines, o.replies(), o.failFast(), o.hungUp());
    }
  }

  @ParameterizedTest
  @MethodSource("agiTranscripts")
  void strictReplayMatchesAndEveryReplyParses(String name) throws Exception {
    Outcome o = run(name);
    o.replay().assertMatched();
    assertThat(o.replies()).hasSize(o.commands().size());
    assertThat(o.request().env()).containsKeys("network", "channel", "uniqueid", "version");
    assertThat(o.request().get("version")).contains("22.10.1");
  }

  @Test
  void happyPath() throws Exception {
    Outcome o = run("agi-happy-path");
    o.replay().assertMatched();
    assertThat(o.request().script()).isEqualTo("route");
    assertThat(o.request().get("callerid")).contains("+4930123456");
    assertThat(o.request().get("accountcode")).contains("");
    assertThat(o.replyTo("GET DATA please-enter-digits 5000 4").result()).isEqualTo("1234");
    assertThat(o.replyTo("GET VARIABLE CAPTURE_GREETING").data()).isEqualTo("hello world");
    AgiReply interrupted = o.replyTo("STREAM FILE demo-congrats \"0123456789*#\"");
    assertThat(interrupted.resultInt()).contains((int) '5');
    assertThat(interrupted.endpos()).isEqualTo(7520L);
    AgiReply record =
        o.replyTo(
            "RECORD FILE /var/spool/asterisk/recording/capture-happy wav \"#\" 5000 0 BEEP s=2");
    assertThat(record.resultInt()).contains((int) '#');
    assertThat(record.data()).isEqualTo("dtmf");
    assertThat(record.endpos()).isEqualTo(20320L);
    assertThat(o.replyTo("GET VARIABLE DIALSTATUS").data()).isEqualTo("ANSWER");
    assertThat(o.failFast()).isEmpty();
  }

  @Test
  void dialBusySetsDialStatus() throws Exception {
    Outcome o = run("agi-dial-busy");
    o.replay().assertMatched();
    AgiReply status = o.replyTo("GET VARIABLE DIALSTATUS");
    assertThat(status.line()).isEqualTo("200 result=1 (BUSY)");
    assertThat(status.resultInt()).contains(1);
    assertThat(status.data()).isEqualTo("BUSY");
  }

  @Test
  void dialWithoutGReturnsMinusOneButChannelStaysUp() throws Exception {
    Outcome o = run("agi-dial-answered-without-g");
    o.replay().assertMatched();
    assertThat(o.replyTo("EXEC Dial Local/100@staff,20").resultInt()).contains(-1);
    assertThat(o.replyTo("STREAM FILE goodbye \"\"").endpos()).isEqualTo(8036L);
    assertThat(o.failFast()).isEmpty();
  }

  @Test
  void errors() throws Exception {
    Outcome o = run("agi-errors");
    o.replay().assertMatched();
    AgiReply unknown = o.replyTo("FOO BAR");
    assertThat(unknown.code()).isEqualTo(AgiReply.INVALID_COMMAND);
    assertThat(unknown.data()).isEqualTo("Invalid or unknown command");
    AgiReply usage = o.replyTo("WAIT FOR DIGIT");
    assertThat(usage.code()).isEqualTo(AgiReply.USAGE);
    assertThat(usage.data()).isEqualTo("Invalid command syntax.  Proper usage follows:");
    assertThat(usage.usage()).hasSize(1);
    assertThat(usage.usage().getFirst()).startsWith("Waits up to <replaceable>timeout");
    AgiReply streamUsage = o.replyTo("STREAM FILE");
    assertThat(streamUsage.usage()).hasSize(5).contains("    <value>FAILED</value>");
    assertThat(o.replyTo("EXEC NoSuchApplication foo").resultInt()).contains(-2);
    AgiReply missing = o.replyTo("STREAM FILE no-such-prompt \"\"");
    assertThat(missing.resultInt()).contains(-1);
    assertThat(missing.endpos()).isZero();
    assertThat(o.replyTo("GET VARIABLE QUOTED").data()).isEqualTo("a \"quoted\" (value)");
    assertThat(o.replyTo("answer").success()).isTrue();
    // Asterisk does NOT strip CR: "ANSWER\r" is an unknown command
    assertThat(o.replyTo("ANSWER\r").code()).isEqualTo(AgiReply.INVALID_COMMAND);
    assertThat(o.replyTo("").code()).isEqualTo(AgiReply.INVALID_COMMAND);
  }

  @Test
  void usageBlocksAllParse() throws Exception {
    Outcome o = run("agi-usage-blocks");
    o.replay().assertMatched();
    long blocks = o.replies().stream().filter(r -> r.code() == AgiReply.USAGE).count();
    assertThat(blocks).isEqualTo(39);
    assertThat(o.replies())
        .filteredOn(r -> r.code() == AgiReply.USAGE)
        .allSatisfy(r -> assertThat(r.usage()).isNotEmpty());
    assertThat(o.replyTo("SET CALLERID").success()).isTrue();
    assertThat(o.replyTo("SPEECH CREATE").resultInt()).contains(0);
  }

  @Test
  void commandVariants() throws Exception {
    Outcome o = run("agi-command-variants");
    o.replay().assertMatched();
    List<AgiReply> getData =
        o.replies().stream().filter(r -> r.line().contains("(timeout)")).toList();
    assertThat(getData).hasSize(2);
    assertThat(getData.get(0).result()).isEmpty();
    assertThat(getData.get(0).data()).isEqualTo("timeout");
    assertThat(getData.get(1).result()).isEqualTo("12");
    assertThat(o.replyTo("CONTROL STREAM FILE thank-you \"\"").endpos()).isEqualTo(-1L);
    assertThat(o.replyTo("GET FULL VARIABLE \"${CALLERID(all)}\"").data())
        .isEqualTo("\"PSTN Test\" <+4930123456>");
  }

  @ParameterizedTest
  @MethodSource("hangupTranscripts")
  void hangupIsNoticedAndDeadChannelFailsFast(String name) throws Exception {
    Outcome o = run(name);
    o.replay().assertMatched();
    assertThat(o.hungUp()).isTrue();
    int i = o.commands().indexOf("STREAM FILE goodbye \"\"");
    // refused locally when the HANGUP notice was already buffered, else Asterisk said 511
    assertThat(o.replies().get(i).code()).isEqualTo(AgiReply.DEAD_CHANNEL);
    assertThat(o.replies().get(i).data())
        .isEqualTo("Command Not Permitted on a dead channel or intercept routine");
    // variables stay readable on a dead channel
    assertThat(o.replyTo("GET VARIABLE DIALSTATUS").success()).isTrue();
    assertThat(o.replyTo("VERBOSE \"capture: channel is gone\" 1").resultInt()).contains(1);
  }

  static Stream<String> hangupTranscripts() {
    return Transcript.names().stream().filter(n -> n.startsWith("agi-hangup-during-"));
  }

  @Test
  void hangupDuringDialReportsCancel() throws Exception {
    Outcome o = run("agi-hangup-during-dial");
    o.replay().assertMatched();
    assertThat(o.replyTo("GET VARIABLE DIALSTATUS").data()).isEqualTo("CANCEL");
  }

  @Test
  void hangupDuringRecord() throws Exception {
    Outcome o = run("agi-hangup-during-record");
    AgiReply r = o.replies().get(1);
    assertThat(r.resultInt()).contains(-1);
    assertThat(r.data()).isEqualTo("hangup");
    assertThat(r.endpos()).isZero();
  }

  @Test
  void arguments() throws Exception {
    Outcome o = run("agi-arguments");
    o.replay().assertMatched();
    assertThat(o.request().script()).isEqualTo("flow");
    assertThat(o.request().tenant()).contains("lakeside");
    assertThat(o.request().number()).contains("+15551234567");
    assertThat(o.request().args()).containsExactly("arg1", "arg2");
    assertThat(o.request().get("arg_1")).contains("arg1");
    assertThat(o.hungUp()).isFalse();
  }

  @Test
  void argumentsEmptyAndSpaces() throws Exception {
    Outcome o = run("agi-arguments-empty-and-spaces");
    o.replay().assertMatched();
    assertThat(o.request().script()).isEqualTo("flow");
    assertThat(o.request().tenant()).isEmpty();
    assertThat(o.request().args()).containsExactly("first arg", "", "last");
  }

  @Test
  void sipCall() throws Exception {
    Outcome o = run("agi-sip-call");
    o.replay().assertMatched();
    assertThat(o.request().get("type")).contains("PJSIP");
    assertThat(o.replyTo("GET VARIABLE PJSIP_HEADER(read,From)").data())
        .isEqualTo("\"PSTN Caller\" <sip:+4930123456@127.0.0.1>;tag=3350SIPpTag001");
    AgiReply record =
        o.replyTo("RECORD FILE /var/spool/asterisk/recording/capture-sip wav \"#\" 4000 0 BEEP");
    assertThat(record.result()).isEqualTo("0");
    assertThat(record.data()).isEqualTo("timeout");
    assertThat(record.endpos()).isEqualTo(31920L);
  }

  /**
   * The app of this capture wrote two commands in one write and sent NOOP before reading the second
   * reply; Asterisk answers strictly one line at a time. {@link AgiSession#send} is
   * one-command-one-reply, so this test pipelines through the package-private escape hatches (one
   * line per write; the peer compares the stream, not the writes, so the split "GET VAR" + "IABLE
   * CHANNEL" write needs nothing special).
   */
  @Test
  void pipelinedAndSplitCommands() throws Exception {
    CompletableFuture<List<AgiReply>> seen = new CompletableFuture<>();
    AgiSessionHandler handler =
        session -> {
          try {
            SocketAgiSession raw = (SocketAgiSession) session;
            List<AgiReply> replies = new ArrayList<>();
            replies.add(session.send("ANSWER"));
            raw.writeRaw("GET VARIABLE CALLERID(num)\n".getBytes(StandardCharsets.UTF_8));
            raw.writeRaw("GET VARIABLE CALLERID(name)\n".getBytes(StandardCharsets.UTF_8));
            replies.add(raw.readReply());
            raw.writeRaw("NOOP\n".getBytes(StandardCharsets.UTF_8));
            replies.add(raw.readReply());
            replies.add(raw.readReply());
            replies.add(session.send("GET VARIABLE CHANNEL"));
            replies.add(session.send("HANGUP"));
            seen.complete(replies);
          } catch (Throwable t) {
            seen.completeExceptionally(t);
            throw t;
          }
        };
    try (FastAgiServer server =
        FastAgiServer.start(FastAgiServer.Options.defaults("127.0.0.1", 0), handler)) {
      FastAgiPeer.replay("agi-pipelined-and-split-commands", "127.0.0.1", server.port())
          .assertMatched();
      List<AgiReply> r = seen.get(10, TimeUnit.SECONDS);
      assertThat(r)
          .extracting(AgiReply::data)
          .containsExactly(
              null, "+4930123456", "PSTN Test", null, "Local/5551234@from-pstn-00000004;2", null);
    }
  }
}
