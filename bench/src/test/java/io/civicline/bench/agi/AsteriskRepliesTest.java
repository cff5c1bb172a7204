package io.civicline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated Asterisk answers in the wire format of the recorded transcripts. */
class AsteriskRepliesTest {
  private final AsteriskReplies replies =
      new AsteriskReplies(List.of("1", "23"), Map.of("DIALSTATUS", "NOANSWER"));

  @Test
  void answersEachCommandLikeAsterisk() {
    assertThat(line("ANSWER")).isEqualTo("200 result=0");
    assertThat(line("answer")).isEqualTo("200 result=0");
    assertThat(line("STREAM FILE welcome \"\"")).isEqualTo("200 result=0 endpos=8000");
    assertThat(line("WAIT FOR DIGIT 5000")).isEqualTo("200 result=49");
    assertThat(line("EXEC Dial PJSIP/101,20")).isEqualTo("200 result=0");
    assertThat(line("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (NOANSWER)");
    assertThat(line("GET FULL VARIABLE \"OTHER\"")).isEqualTo("200 result=1 (bench)");
    assertThat(line("SET VARIABLE CIVICLINE_SESSION abc")).isEqualTo("200 result=1");
    assertThat(line("RECORD FILE /tmp/x wav \"#\" 5000"))
        .isEqualTo("200 result=0 (timeout) endpos=8000");
    assertThat(line("FOO BAR")).isEqualTo("510 Invalid or unknown command");
  }

  @Test
  void getDataReturnsTheConfiguredKeysInTurnAndIsAKeyPress() {
    AsteriskReplies.Reply first = replies.to("GET DATA menu 5000 1", 0);
    assertThat(first.line()).isEqualTo("200 result=1");
    assertThat(first.keyPress()).isTrue();
    assertThat(replies.to("GET DATA menu 5000 2", 1).line()).isEqualTo("200 result=23");
    assertThat(replies.to("GET DATA menu 5000 2", 5).line()).isEqualTo("200 result=23");
  }

  @Test
  void hangupAnswersThenHangsUp() {
    AsteriskReplies.Reply reply = replies.to("HANGUP", 0);
    assertThat(reply.line()).isEqualTo("200 result=1");
    assertThat(reply.hangsUp()).isTrue();
  }

  private String line(String command) {
    return replies.to(command, 0).line();
  }
}
