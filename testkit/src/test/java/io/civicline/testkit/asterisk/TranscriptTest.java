package io.civicline.testkit.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  @Test
  void theIndexListsEveryBundledTranscriptAndEachHasItsReadableView()
      throws IOException, URISyntaxException {
    URL dir = Transcript.class.getResource("/asterisk/");
    assertThat(dir).isNotNull();
    List<String> files;
    try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".jsonl"))
              .map(n -> n.substring(0, n.length() - 6))
              .sorted()
              .toList();
    }
    assertThat(Transcript.names()).containsExactlyInAnyOrderElementsOf(files).hasSize(31);
    for (String name : files) {
      assertThat(Transcript.class.getResource("/asterisk/" + name + ".txt")).isNotNull();
    }
    assertThat(Transcript.class.getResource("/asterisk/README.md")).isNotNull();
    assertThat(Transcript.class.getResource("/asterisk/HOW-TO-USE.md")).isNotNull();
  }

  @Test
  void everyTranscriptLoadsAndEndsWithBothHalfCloses() {
    for (String name : Transcript.names()) {
      Transcript t = Transcript.load(name);
      assertThat(t.chunks()).isNotEmpty();
      assertThat(t.closes(Direction.ASTERISK_TO_APP)).as(name).isTrue();
      assertThat(t.closes(Direction.APP_TO_ASTERISK)).as(name).isTrue();
      // FastAGI: the app closes first (Asterisk answers with HANGUP + FIN); AMI: Asterisk does.
      assertThat(t.closedFirst())
          .as(name)
          .isEqualTo(
              name.startsWith("agi-") ? Direction.APP_TO_ASTERISK : Direction.ASTERISK_TO_APP);
      ByteArrayOutputStream ast = new ByteArrayOutputStream();
      ByteArrayOutputStream app = new ByteArrayOutputStream();
      for (Transcript.Turn turn : t.conversation()) {
        (turn.direction() == Direction.ASTERISK_TO_APP ? ast : app).writeBytes(turn.bytes());
      }
      assertThat(ast.toByteArray()).isEqualTo(t.asteriskBytes());
      assertThat(app.toByteArray()).isEqualTo(t.appBytes());
      String first = t.text(Direction.ASTERISK_TO_APP);
      assertThat(first)
          .startsWith(name.startsWith("agi-") ? "agi_network: yes\n" : "Asterisk Call Manager/");
    }
    assertThat(Transcript.load("agi-happy-path.jsonl").name()).isEqualTo("agi-happy-path");
    assertThatThrownBy(() -> Transcript.load("no-such"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agi-happy-path");
  }

  @Test
  void conversationMergesChunksButNotAcrossEof() {
    Transcript t = Transcript.load("agi-pipelined-and-split-commands");
    List<Transcript.Turn> turns = t.conversation();
    assertThat(turns.get(0).direction()).isEqualTo(Direction.ASTERISK_TO_APP);
    assertThat(turns.get(0).text()).startsWith("agi_network: yes\n").endsWith("\n\n");
    assertThat(turns)
        .extracting(Transcript.Turn::text)
        .contains(
            "GET VARIABLE CHANNEL\n", "GET VARIABLE CALLERID(num)\nGET VARIABLE CALLERID(name)\n");
    Transcript.Turn last = turns.get(turns.size() - 1);
    assertThat(last.eof()).isTrue();
    assertThat(last.direction()).isEqualTo(Direction.ASTERISK_TO_APP);
    assertThat(turns.get(turns.size() - 2).text()).isEqualTo("HANGUP\n");
    assertThat(turns.get(turns.size() - 3).eof()).isTrue();
  }

  @Test
  void parsesEscapesAndKeepsCrLf() {
    Transcript t =
        Transcript.parse(
            "x",
            "{\"dir\": \"asterisk->app\", \"t_ms\": 5, \"data\": \"a\\r\\n\\\"q\\\" \\u00e9\"}\n"
                + "{\"dir\": \"app->asterisk\", \"t_ms\": 6, \"data\": \"\", \"eof\": true}\n");
    assertThat(t.chunks()).hasSize(2);
    assertThat(t.chunks().get(0).bytes())
        .isEqualTo("a\r\n\"q\" é".getBytes(StandardCharsets.UTF_8));
    assertThat(t.chunks().get(0).tMs()).isEqualTo(5);
    assertThat(t.chunks().get(1).eof()).isTrue();
    assertThat(Transcript.load("ami-login-plaintext").text(Direction.ASTERISK_TO_APP))
        .startsWith("Asterisk Call Manager/11.0.0\r\n");
    assertThatThrownBy(() -> Transcript.parse("bad", "{\"dir\": 1}"))
        .hasMessageContaining("bad line 1");
  }

  @Test
  void editsForGarbage() {
    Transcript t = Transcript.load("agi-dial-busy");
    Transcript cut = t.truncateAsterisk(12);
    assertThat(cut.asteriskBytes()).isEqualTo("agi_network:".getBytes(StandardCharsets.US_ASCII));
    assertThat(cut.appBytes()).isEmpty();
    assertThat(cut.chunks().get(cut.chunks().size() - 1).eof()).isTrue();

    Transcript ins = t.insertAsterisk(3, new byte[] {(byte) 0xff});
    byte[] a = ins.asteriskBytes();
    assertThat(a[3]).isEqualTo((byte) 0xff);
    assertThat(a).hasSize(t.asteriskBytes().length + 1);
    assertThat(ins.appBytes()).isEqualTo(t.appBytes());
    int envEnd = Garbage.environmentEnd(t);
    assertThat(new String(t.asteriskBytes(), 0, envEnd, StandardCharsets.US_ASCII))
        .endsWith("\n\n");
    assertThat(Garbage.overlongLine(100)).hasSize(100);
    assertThat(new String(Garbage.overlongLine(100), StandardCharsets.US_ASCII)).endsWith("x\n");
  }
}
