package io.civicline.signaling.asterisk.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How CivicLine drives calls on Asterisk.
 *
 * @param spoolDir the spool shared with Asterisk, as this node sees it (prompts, recordings)
 * @param asteriskSpoolDir the same directory as Asterisk sees it (in the commands we send)
 * @param ttsCommand the text-to-speech command line; {@code {text}}, {@code {language}} and {@code
 *     {output}} are replaced per prompt (each as one argument, never through a shell)
 * @param ttsTimeout how long one prompt may take to synthesise
 * @param holdSeconds how long a queued caller hears music between two queue ticks
 * @param silenceSeconds silence that ends a voicemail recording
 */
public record AsteriskSettings(
    Path spoolDir,
    String asteriskSpoolDir,
    List<String> ttsCommand,
    Duration ttsTimeout,
    int holdSeconds,
    int silenceSeconds) {

  /** espeak-ng for the voice, sox for the 8 kHz mono WAV Asterisk plays. */
  public static final List<String> DEFAULT_TTS =
      List.of(
          "sh",
          "-c",
          "espeak-ng -v \"$1\" --stdout -- \"$2\" | sox -t wav - -r 8000 -c 1 -b 16 \"$3\"",
          "civicline-tts",
          "{language}",
          "{text}",
          "{output}");

  public AsteriskSettings {
    ttsCommand = List.copyOf(ttsCommand);
    if (ttsCommand.isEmpty()) {
      throw new IllegalArgumentException("the text-to-speech command is empty");
    }
  }

  /** {@code relative} inside the spool, as Asterisk names it. */
  String onAsterisk(String relative) {
    return asteriskSpoolDir.endsWith("/")
        ? asteriskSpoolDir + relative
        : asteriskSpoolDir + "/" + relative;
  }
}
