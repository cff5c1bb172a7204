package io.civicline.signaling.asterisk.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextToSpeechTest {
  @TempDir Path spool;

  private TextToSpeech tts(List<String> command) {
    return new TextToSpeech(
        new AsteriskSettings(spool, "/var/spool/civicline", command, Duration.ofSeconds(5), 10, 5));
  }

  @Test
  void aMissingProgramIsReportedByName() {
    assertThat(tts(List.of("no-such-tts-engine-here", "{output}")).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("'no-such-tts-engine-here'", "PATH"));
    assertThat(tts(List.of("/nowhere/espeak", "{output}")).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("/nowhere/espeak"));
    assertThat(tts(List.of("sh", "-c", "true")).problem()).isEmpty();
  }

  @Test
  void eachTextIsSynthesisedOnceAndNamedAsAsteriskSeesIt() throws IOException {
    Path log = spool.resolve("runs.log");
    TextToSpeech tts =
        tts(
            List.of(
                "sh",
                "-c",
                "printf '%s|%s' \"$1\" \"$2\" > \"$3\"; echo run >> \"$4\"",
                "tts",
                "{language}",
                "{text}",
                "{output}",
                log.toString()));

    String first = tts.prompt("Press 1 for the clerk; \"quotes\" & $HOME stay text", "en");
    String again = tts.prompt("Press 1 for the clerk; \"quotes\" & $HOME stay text", "en");
    String spanish = tts.prompt("Press 1 for the clerk; \"quotes\" & $HOME stay text", "es");

    assertThat(first)
        .isEqualTo(again)
        .startsWith("/var/spool/civicline/tts/")
        .doesNotEndWith(".wav");
    assertThat(spanish).isNotEqualTo(first);
    assertThat(Files.readAllLines(log)).hasSize(2);
    Path file = spool.resolve(first.substring("/var/spool/civicline/".length()) + ".wav");
    assertThat(Files.readString(file))
        .isEqualTo("en|Press 1 for the clerk; \"quotes\" & $HOME stay text");
  }

  @Test
  void aFailingEngineLeavesNoFileAndSaysWhy() {
    TextToSpeech tts =
        tts(
            List.of(
                "sh",
                "-c",
                "echo 'voice xx not found' >&2; : > \"$1\"; exit 3",
                "tts",
                "{output}"));

    assertThatThrownBy(() -> tts.prompt("Hello", "xx"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("voice xx not found");
    assertThat(spool.resolve(TextToSpeech.DIR).toFile().list()).isEmpty();
  }

  @Test
  void anEngineThatHangsIsStopped() {
    TextToSpeech tts =
        new TextToSpeech(
            new AsteriskSettings(
                spool,
                "/var/spool/civicline",
                List.of("sleep", "30"),
                Duration.ofMillis(300),
                10,
                5));

    assertThatThrownBy(() -> tts.prompt("Hello", "en"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("took longer");
  }
}
