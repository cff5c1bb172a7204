package io.civicline.voicemail.audio;

import static io.civicline.voicemail.audio.TestWav.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.InvalidInputException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreetingPolicyTest {
  private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

  @Test
  void acceptsAGreetingAndReturnsTheStoredForm() {
    byte[] upload = wav(PCM, 2, 44100, 16, speechLike(44100, 3, 2));

    byte[] stored = GreetingPolicy.validate(upload, TWO_MINUTES);

    AudioInfo info = WavFile.parse(stored).info();
    assertThat(info.format()).isEqualTo(AudioFormat.MU_LAW);
    assertThat(info.sampleRate()).isEqualTo(8000);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void refusesATooLongGreetingSayingHowLongAndTheLimit() {
    byte[] upload = wav(PCM, 1, 8000, 16, sine(300, 8000, 125.3, 1, 0.5));

    assertRefused(
        () -> GreetingPolicy.validate(upload, TWO_MINUTES),
        "#",
        "too long: it is 2 min 5.3 s; greetings may be at most 2 min");
  }

  @Test
  void aGreetingJustOverTheLimitDoesNotReadAsTheLimit() {
    byte[] upload = wav(PCM, 1, 8000, 16, sine(300, 8000, 10.01, 1, 0.5));

    assertRefused(
        () -> GreetingPolicy.validate(upload, Duration.ofSeconds(10)),
        "#",
        "it is 10.1 s; greetings may be at most 10 s");
  }

  @Test
  void refusesATooShortGreeting() {
    byte[] upload = wav(PCM, 1, 16000, 16, sine(300, 16000, 0.5, 1, 0.5));

    assertRefused(
        () -> GreetingPolicy.validate(upload, TWO_MINUTES, "#/greeting"),
        "#/greeting",
        "too short: it is 0.5 s; greetings must be at least 1 s");
  }

  @Test
  void refusesSilence() {
    byte[] zeros = wav(PCM, 1, 8000, 16, constant(0, 8000, 3, 1));
    byte[] hiss = wav(PCM, 1, 22050, 16, noise(22050, 3, 0.005));
    byte[] offset = wav(PCM, 2, 8000, 8, constant(0.3, 8000, 3, 2)); // DC bias, no sound
    for (byte[] upload : new byte[][] {zeros, hiss, offset}) {
      assertRefused(() -> GreetingPolicy.validate(upload, TWO_MINUTES), "#", "silent");
    }
  }

  @Test
  void acceptsQuietSpeech() {
    byte[] upload = wav(PCM, 1, 8000, 16, sine(300, 8000, 3, 1, 0.03)); // −30 dBFS

    assertThat(GreetingPolicy.validate(upload, TWO_MINUTES)).isNotEmpty();
  }

  @Test
  void refusesABadFormatPassingOnWhatIsWrong() {
    byte[] mp3 = ascii("ID3\u0004\0\0\0\0\0\0 not a wav file at all");
    byte[] adpcm = riff(fmt(0x11, 1, 8000, 4, 256), data(new byte[4096]));
    byte[] cut = wav(PCM, 1, 8000, 16, sine(300, 8000, 3, 1, 0.5));
    byte[] truncated = java.util.Arrays.copyOf(cut, cut.length / 2);

    assertRefused(() -> GreetingPolicy.validate(mp3, TWO_MINUTES), "#", "not a WAV file");
    assertRefused(() -> GreetingPolicy.validate(adpcm, TWO_MINUTES), "#", "0x0011 (IMA ADPCM)");
    assertRefused(() -> GreetingPolicy.validate(truncated, TWO_MINUTES), "#", "truncated");
    assertRefused(() -> GreetingPolicy.validate(new byte[0], TWO_MINUTES), "#", "empty");
  }

  @Test
  void refusesATooBigFileBeforeReadingIt() {
    byte[] upload = new byte[(int) GreetingPolicy.MAX_UPLOAD_BYTES + 1]; // not even a WAV file

    assertRefused(
        () -> GreetingPolicy.validate(upload, TWO_MINUTES),
        "#",
        "too big: 10 MiB; the limit is 10 MiB");
  }

  @Test
  void acceptsHeaderlessMuLaw() {
    byte[] raw = encode(MU_LAW, 8, sine(400, 8000, 2, 1, 0.5));

    byte[] stored = GreetingPolicy.validateRawMuLaw(raw, TWO_MINUTES, "#");

    AudioInfo info = WavFile.parse(stored).info();
    assertThat(info.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(TestWav.frequency(Audio.decodeMono(stored))).isCloseTo(400, within(2.0));
    assertRefused(
        () -> GreetingPolicy.validateRawMuLaw(new byte[4000], Duration.ofMinutes(1), "#/file"),
        "#/file",
        "too short: it is 0.5 s");
  }

  @Test
  void aLimitBelowTheMinimumIsAProgrammingError() {
    assertThatThrownBy(() -> GreetingPolicy.validate(new byte[10], Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(InvalidInputException.class);
  }

  private static void assertRefused(Runnable call, String pointer, String detail) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors()).hasSize(1);
              FieldError error = e.errors().get(0);
              assertThat(error.pointer()).isEqualTo(pointer);
              assertThat(error.detail()).contains(detail);
            });
  }

  /** A few tones that rise and fall, loud enough to pass, in every channel. */
  private static double[][] speechLike(int rate, double seconds, int channels) {
    double[][] frames = sine(220, rate, seconds, channels, 0.3);
    double[][] overtone = sine(1800, rate, seconds, channels, 0.2);
    for (int i = 0; i < frames.length; i++) {
      double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * i / rate);
      for (int c = 0; c < channels; c++) {
        frames[i][c] = envelope * (frames[i][c] + overtone[i][c]);
      }
    }
    return frames;
  }

  private static double[][] noise(int rate, double seconds, double amplitude) {
    Random random = new Random(1);
    double[][] frames = new double[(int) (rate * seconds)][1];
    for (double[] frame : frames) {
      frame[0] = amplitude * (2 * random.nextDouble() - 1);
    }
    return frames;
  }
}
