package io.civicline.voicemail.audio;

import static io.civicline.voicemail.audio.TestWav.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioTest {

  @Test
  void cdQualityStereoBecomesTelephoneMuLawKeepingLengthAndPitch() {
    byte[] upload = wav(PCM, 2, 44100, 16, sine(1000, 44100, 2, 2, 0.5));

    byte[] stored = Audio.toMuLawWav(Audio.decodeMono(upload));

    WavFile wav = WavFile.parse(stored);
    assertThat(wav.info())
        .isEqualTo(new AudioInfo(AudioFormat.MU_LAW, 1, 8000, 8, 16000, Duration.ofSeconds(2)));
    assertThat(new String(stored, 38, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("fact");
    assertThat(WavFile.u32(stored, 46)).isEqualTo(16000); // the fact chunk's frame count
    PcmAudio decoded = Audio.decodeMono(wav);
    assertThat(frequency(decoded)).isCloseTo(1000, within(5.0));
    assertThat(peak(decoded, 0.1, 0.9)).isCloseTo(16384, within(16384 / 20)); // level kept
  }

  @ParameterizedTest(name = "{0} Hz, {1} ch, format {2}, {3} bit")
  @CsvSource({
    "8000, 1, 7, 8",
    "8000, 1, 6, 8",
    "8000, 2, 1, 8",
    "11025, 1, 1, 16",
    "16000, 1, 1, 24",
    "22050, 2, 1, 32",
    "32000, 1, 3, 32",
    "44100, 6, 3, 64",
    "48000, 8, 1, 16",
    "48000, 2, 7, 8",
  })
  void everyInputBecomesThe8kHzFormWithItsLengthAndPitch(
      int rate, int channels, int format, int bits) {
    byte[] upload = wav(format, channels, rate, bits, sine(440, rate, 1.5, channels, 0.6));

    byte[] stored = Audio.toMuLawWav(Audio.decodeMono(upload));

    AudioInfo info = WavFile.parse(stored).info();
    assertThat(info.sampleRate()).isEqualTo(8000);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.duration()).isEqualTo(Duration.ofMillis(1500));
    PcmAudio decoded = Audio.decodeMono(stored);
    assertThat(frequency(decoded)).isCloseTo(440, within(3.0));
    assertThat(peak(decoded, 0.1, 0.9)).isCloseTo((int) (0.6 * 32767), within(1500));
  }

  /** Dropped samples would fold these tones back into the band at full level (4.3 kHz to 3.7). */
  @ParameterizedTest(name = "{0} Hz at {1} Hz")
  @CsvSource({"4300, 44100", "4300, 48000", "5000, 16000", "6000, 48000", "10000, 22050"})
  void toneAboveTheNewNyquistIsFilteredNotAliased(int hertz, int rate) {
    PcmAudio tone = Audio.decodeMono(wav(PCM, 1, rate, 16, sine(hertz, rate, 1, 1, 0.9)));

    PcmAudio telephone = Audio.resample(tone, 8000);

    assertThat(peak(telephone, 0.1, 0.9)).isLessThan(30); // below −60 dB
  }

  @Test
  void toneInTheTelephoneBandKeepsItsLevel() {
    PcmAudio tone = Audio.decodeMono(wav(PCM, 1, 44100, 16, sine(3000, 44100, 1, 1, 0.5)));

    PcmAudio telephone = Audio.resample(tone, 8000);

    assertThat(peak(telephone, 0.1, 0.9)).isCloseTo(16384, within(16384 / 10)); // ±1 dB
    assertThat(frequency(telephone)).isCloseTo(3000, within(5.0));
  }

  @Test
  void constantLevelPassesUnchanged() {
    PcmAudio level = PcmAudio.of(filled(22050, (short) 1000), 22050);

    PcmAudio resampled = Audio.resample(level, 8000);

    assertThat(resampled.length()).isEqualTo(8000);
    for (int i = 100; i < 7900; i++) {
      assertThat((int) resampled.sample(i)).isCloseTo(1000, within(2));
    }
  }

  @Test
  void channelsAreAveraged() {
    double[][] leftOnly = sine(500, 8000, 1, 2, 0.8);
    for (double[] frame : leftOnly) {
      frame[1] = 0;
    }

    PcmAudio mono = Audio.decodeMono(wav(PCM, 2, 8000, 16, leftOnly));

    assertThat(peak(mono, 0, 1)).isCloseTo((int) (0.4 * 32767), within(2));
  }

  @Test
  void decodesEachSampleFormatToTheSameLevel() {
    double[][] frames = {{0.5}, {-0.5}, {0}, {-1}};
    for (int[] formatAndBits :
        new int[][] {{PCM, 8}, {PCM, 16}, {PCM, 24}, {PCM, 32}, {FLOAT, 32}, {FLOAT, 64}}) {
      short[] samples =
          Audio.decodeMono(wav(formatAndBits[0], 1, 8000, formatAndBits[1], frames)).samples();
      // 8-bit samples are 256 apart in 16-bit terms, so allow that much.
      assertThat((int) samples[0]).as(Arrays.toString(formatAndBits)).isCloseTo(16384, within(260));
      assertThat((int) samples[1]).isCloseTo(-16384, within(260));
      assertThat(samples[2]).isBetween((short) -128, (short) 128);
      assertThat(samples[3]).isBetween((short) -32768, (short) -32500);
    }
  }

  @Test
  void telephoneMuLawPassesThroughUntouched() {
    byte[] codes = encode(MU_LAW, 8, sine(700, 8000, 1, 1, 0.7));
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == 0x7F) {
        codes[i] = (byte) 0xFF; // the only code that re-encodes differently
      }
    }

    byte[] stored = Audio.toMuLawWav(Audio.decodeMono(riff(fmt(MU_LAW, 1, 8000, 8), data(codes))));

    assertThat(Arrays.copyOfRange(stored, stored.length - codes.length, stored.length))
        .isEqualTo(codes);
  }

  @Test
  void writes16BitPcmAt8kHz() {
    PcmAudio tone = Audio.decodeMono(wav(PCM, 1, 16000, 16, sine(1000, 16000, 1.25, 1, 0.5)));

    byte[] stored = Audio.toPcm16Wav(tone);

    assertThat(WavFile.parse(stored).info())
        .isEqualTo(new AudioInfo(AudioFormat.PCM, 1, 8000, 16, 10000, Duration.ofMillis(1250)));
    assertThat(stored).hasSize(44 + 20000);
    assertThat(frequency(Audio.decodeMono(stored))).isCloseTo(1000, within(5.0));
  }

  @Test
  void readsHeaderlessMuLaw() {
    byte[] raw = encode(MU_LAW, 8, sine(400, 8000, 2, 1, 0.5));

    PcmAudio audio = Audio.fromRawMuLaw(raw, 8000);

    assertThat(audio.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(frequency(audio)).isCloseTo(400, within(2.0));
    assertThat(audio.sample(0)).isEqualTo(G711.muLawToLinear(raw[0]));
    assertThat(Audio.rawMuLawInfo(raw, 8000).duration()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> Audio.fromRawMuLaw(new byte[0], 8000))
        .isInstanceOf(InvalidAudioException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Audio.fromRawMuLaw(raw, 4000))
        .isInstanceOf(InvalidAudioException.class)
        .hasMessageContaining("4000 Hz");
  }

  private static short[] filled(int length, short value) {
    short[] samples = new short[length];
    Arrays.fill(samples, value);
    return samples;
  }
}
