package io.civicline.voicemail.audio;

import static io.civicline.voicemail.audio.TestWav.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavFileTest {
  private static final double[][] TONE = sine(440, 8000, 0.5, 1, 0.5);

  @Test
  void readsAPlainPcmFile() {
    byte[] file = wav(PCM, 2, 44100, 16, sine(440, 44100, 1.5, 2, 0.5));

    AudioInfo info = WavFile.parse(file).info();

    assertThat(info)
        .isEqualTo(new AudioInfo(AudioFormat.PCM, 2, 44100, 16, 66150, Duration.ofMillis(1500)));
  }

  @Test
  void readsChunksInAnyOrderSkippingUnknownOnesAndPadding() {
    byte[] samples = encode(PCM, 8, sine(440, 8000, 0.5, 1, 0.5));
    byte[] odd = Arrays.copyOf(samples, 3999); // odd data size: a pad byte follows
    byte[] file =
        riff(
            list(), // odd-sized, padded
            data(odd),
            new Chunk("junk", new byte[] {1, 2, 3}),
            fact(3999),
            fmt(PCM, 1, 8000, 8));

    AudioInfo info = WavFile.parse(file).info();

    assertThat(info.format()).isEqualTo(AudioFormat.PCM);
    assertThat(info.bitsPerSample()).isEqualTo(8);
    assertThat(info.frames()).isEqualTo(3999);
  }

  @Test
  void readsEveryEncoding() {
    for (int[] formatAndBits :
        new int[][] {
          {PCM, 8},
          {PCM, 16},
          {PCM, 24},
          {PCM, 32},
          {FLOAT, 32},
          {FLOAT, 64},
          {A_LAW, 8},
          {MU_LAW, 8}
        }) {
      byte[] file = wav(formatAndBits[0], 1, 16000, formatAndBits[1], sine(440, 16000, 1, 1, 0.5));
      AudioInfo info = WavFile.parse(file).info();
      assertThat(info.format().code()).isEqualTo(formatAndBits[0]);
      assertThat(info.bitsPerSample()).isEqualTo(formatAndBits[1]);
      assertThat(info.duration()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void readsTheSubformatOfExtensibleFiles() {
    byte[] pcm24 =
        riff(fmtExtensible(PCM, 2, 48000, 24), data(encode(PCM, 24, sine(1000, 48000, 1, 2, .5))));
    byte[] float32 =
        riff(
            fmtExtensible(FLOAT, 1, 22050, 32),
            fact(22050),
            data(encode(FLOAT, 32, sine(1000, 22050, 1, 1, .5))));

    assertThat(WavFile.parse(pcm24).info())
        .isEqualTo(new AudioInfo(AudioFormat.PCM, 2, 48000, 24, 48000, Duration.ofSeconds(1)));
    assertThat(WavFile.parse(float32).info().format()).isEqualTo(AudioFormat.IEEE_FLOAT);
  }

  @Test
  void refusesAnExtensibleFileWithAForeignGuid() {
    Chunk fmt = fmtExtensible(PCM, 1, 8000, 16);
    fmt.body()[39] = 0x00; // last GUID byte
    byte[] file = riff(fmt, data(encode(PCM, 16, TONE)));

    assertRefused(file, "not a standard WAVE format GUID");
  }

  @Test
  void refusesAnExtensibleFmtChunkTooShortForItsGuid() {
    Chunk full = fmtExtensible(PCM, 1, 8000, 16);
    Chunk short24 = new Chunk("fmt ", Arrays.copyOf(full.body(), 24));

    assertRefused(riff(short24, data(new byte[100])), "EXTENSIBLE fmt chunk is 24 bytes, 40");
  }

  @Test
  void refusesFilesThatAreNotWav() {
    assertRefused(new byte[0], "not a WAV file");
    assertRefused(ascii("ID3\u0004\0\0\0\0\0\0 and then some MP3 frames"), "not a WAV file");
    byte[] avi = riff(data(new byte[100]));
    System.arraycopy(ascii("AVI "), 0, avi, 8, 4);
    assertRefused(avi, "not a WAV file");
  }

  @Test
  void refusesMissingChunks() {
    assertRefused(riff(data(encode(PCM, 16, TONE))), "no fmt chunk");
    assertRefused(riff(fmt(PCM, 1, 8000, 16), list()), "no data chunk");
    assertRefused(riff(), "no fmt chunk");
  }

  @Test
  void namesUnsupportedFormatCodes() {
    assertRefused(riff(fmt(0x55, 1, 8000, 16), data(new byte[100])), "0x0055 (MP3)");
    assertRefused(riff(fmt(0x11, 1, 8000, 4, 256), data(new byte[100])), "0x0011 (IMA ADPCM)");
    assertRefused(riff(fmt(0x1234, 1, 8000, 16), data(new byte[100])), "0x1234;");
    assertRefused(riff(fmtExtensible(0x55, 1, 8000, 16), data(new byte[100])), "0x0055 (MP3)");
  }

  @Test
  void refusesLayoutsWeDoNotDecode() {
    byte[] samples = new byte[1000];
    assertRefused(riff(fmt(PCM, 9, 8000, 16), data(samples)), "9 channels; 1 to 8");
    assertRefused(riff(fmt(PCM, 0, 8000, 16, 2), data(samples)), "0 channels");
    assertRefused(riff(fmt(PCM, 1, 96000, 16), data(samples)), "96000 Hz");
    assertRefused(riff(fmt(PCM, 1, 4000, 16), data(samples)), "4000 Hz");
    assertRefused(riff(fmt(PCM, 1, 8000, 12, 2), data(samples)), "12-bit PCM");
    assertRefused(riff(fmt(MU_LAW, 1, 8000, 16), data(samples)), "16-bit μ-law");
    assertRefused(riff(fmt(FLOAT, 1, 8000, 16), data(samples)), "16-bit IEEE float");
  }

  @Test
  void refusesAnInconsistentBlockAlign() {
    byte[] file = riff(fmt(PCM, 2, 8000, 16, 2), data(new byte[1000]));

    assertRefused(file, "inconsistent block align", "2 bytes per frame", "need 4");
  }

  @Test
  void refusesEmptyAudio() {
    assertRefused(riff(fmt(PCM, 1, 8000, 16), data(new byte[0])), "data chunk is empty");
    assertRefused(riff(fmt(PCM, 2, 8000, 16), data(new byte[3])), "data chunk is empty");
  }

  @Test
  void refusesATruncatedFile() {
    byte[] whole = wav(PCM, 1, 8000, 16, TONE);
    byte[] cut = Arrays.copyOf(whole, whole.length - 100);

    assertRefused(cut, "truncated", "declares 8000 bytes but only 7900 follow");
  }

  @Test
  void refusesADataChunkLargerThanTheFile() {
    byte[] file = riff(fmt(PCM, 1, 8000, 16), data(new byte[100]).declaring(0x7FFFFFF0L));

    assertRefused(file, "truncated", "declares 2147483632 bytes");
  }

  @Test
  void refusesAFmtChunkThatIsTooShortOrCutOff() {
    assertRefused(riff(new Chunk("fmt ", new byte[14]), data(new byte[10])), "fmt chunk is 14");
    byte[] headerOnly = Arrays.copyOf(wav(PCM, 1, 8000, 16, TONE), 30);
    assertRefused(headerOnly, "fmt chunk is cut off");
  }

  @Test
  void toleratesCutOffMetadataAfterTheAudio() {
    byte[] file = riff(fmt(PCM, 1, 8000, 16), data(encode(PCM, 16, TONE)), list());
    byte[] cut = Arrays.copyOf(file, file.length - 10);

    assertThat(WavFile.parse(cut).info().frames()).isEqualTo(4000);
  }

  @Test
  void ignoresARiffSizeThatDoesNotFitTheFile() {
    byte[] file = wav(PCM, 1, 8000, 16, TONE);
    System.arraycopy(le32(0xFFFFFFFFL), 0, file, 4, 4); // as streaming writers leave it

    assertThat(WavFile.parse(file).info().frames()).isEqualTo(4000);
  }

  /** A damaged upload must produce a clear refusal, never an index or arithmetic error. */
  @Test
  void everyTruncationOrCorruptionIsRefusedCleanly() {
    byte[] file =
        riff(
            list(),
            fmtExtensible(PCM, 2, 8000, 16),
            fact(100),
            data(encode(PCM, 16, sine(1, 8000, .05, 2, .5))));
    for (int length = 0; length < file.length; length++) {
      parseOrRefuse(Arrays.copyOf(file, length));
    }
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] damaged = file.clone();
      for (int hits = 1 + random.nextInt(4); hits > 0; hits--) {
        damaged[random.nextInt(120)] = (byte) random.nextInt(256);
      }
      parseOrRefuse(damaged);
    }
  }

  private static void parseOrRefuse(byte[] file) {
    try {
      WavFile wav = WavFile.parse(file);
      Audio.decodeMono(wav); // whatever parses must also decode
    } catch (InvalidAudioException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static void assertRefused(byte[] file, String... phrases) {
    assertThatThrownBy(() -> WavFile.parse(file))
        .isInstanceOf(InvalidAudioException.class)
        .message()
        .contains(phrases);
  }
}
