package io.civicline.voicemail.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void muLawCodePointsMatchTheStandard() {
    assertThat(G711.muLawToLinear((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(G711.muLawToLinear((byte) 0x7F)).isEqualTo((short) 0); // "negative zero"
    assertThat(G711.muLawToLinear((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.muLawToLinear((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711.muLawToLinear((byte) 0xFE)).isEqualTo((short) 8);
    assertThat(G711.muLawToLinear((byte) 0x7E)).isEqualTo((short) -8);

    assertThat(G711.linearToMuLaw(0)).isEqualTo((byte) 0xFF);
    assertThat(G711.linearToMuLaw(32767)).isEqualTo((byte) 0x80);
    assertThat(G711.linearToMuLaw(-32768)).isEqualTo((byte) 0x00);
    assertThat(G711.linearToMuLaw(100_000)).isEqualTo((byte) 0x80); // clamps
  }

  @Test
  void aLawCodePointsMatchTheStandard() {
    assertThat(G711.aLawToLinear((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.aLawToLinear((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.aLawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.aLawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    assertThat(G711.aLawToLinear((byte) 0x80)).isEqualTo((short) 5504);
    assertThat(G711.aLawToLinear((byte) 0x00)).isEqualTo((short) -5504);
    assertThat(G711.aLawToLinear((byte) 0xFF)).isEqualTo((short) 848);
    assertThat(G711.aLawToLinear((byte) 0x7F)).isEqualTo((short) -848);

    assertThat(G711.linearToALaw(0)).isEqualTo((byte) 0xD5);
    assertThat(G711.linearToALaw(-1)).isEqualTo((byte) 0x55);
    assertThat(G711.linearToALaw(32767)).isEqualTo((byte) 0xAA);
    assertThat(G711.linearToALaw(-32768)).isEqualTo((byte) 0x2A);
  }

  /**
   * The JDK's own G.711 decoder (javax.sound) is an independent check of all 256 codes. (Its
   * encoders are not a usable oracle: μ-law wraps to silence above 32635, A-law rounds negative
   * values differently from the reference algorithm.)
   */
  @Test
  void decodingAgreesWithTheJdkForEveryCode() throws IOException {
    byte[] codes = new byte[256];
    for (int i = 0; i < 256; i++) {
      codes[i] = (byte) i;
    }
    short[] jdkMu = jdkDecode(codes, Encoding.ULAW);
    short[] jdkA = jdkDecode(codes, Encoding.ALAW);
    for (int i = 0; i < 256; i++) {
      assertThat(G711.muLawToLinear(codes[i])).as("μ-law 0x%02X", i).isEqualTo(jdkMu[i]);
      assertThat(G711.aLawToLinear(codes[i])).as("A-law 0x%02X", i).isEqualTo(jdkA[i]);
    }
  }

  @Test
  void everyCodeSurvivesDecodeThenEncode() {
    for (int i = 0; i < 256; i++) {
      byte code = (byte) i;
      byte expectedMu = i == 0x7F ? (byte) 0xFF : code; // both zeros encode as positive zero
      assertThat(G711.linearToMuLaw(G711.muLawToLinear(code)))
          .as("μ 0x%02X", i)
          .isEqualTo(expectedMu);
      assertThat(G711.linearToALaw(G711.aLawToLinear(code))).as("A 0x%02X", i).isEqualTo(code);
    }
  }

  /**
   * G.711 splits the range into intervals, each decoding to its midpoint, so every value comes back
   * within half the step of its segment. G.711 works on 14-bit (μ-law) or 13-bit (A-law) input; the
   * low 2 or 3 bits dropped first (rounding toward −∞) can add up to that much. Beyond the top
   * level values clip, so those are left out.
   */
  @Test
  void roundTripsStayWithinHalfAStep() {
    for (int x = -32124; x <= 32124; x++) {
      byte code = G711.linearToMuLaw(x);
      int segment = (~code >> 4) & 7;
      int halfStep = 4 << segment;
      assertThat(Math.abs(G711.muLawToLinear(code) - x))
          .as("μ-law %d -> 0x%02X", x, code)
          .isLessThanOrEqualTo(halfStep + 3);
    }
    for (int x = -32256; x <= 32256; x++) {
      byte code = G711.linearToALaw(x);
      int segment = ((code ^ 0x55) >> 4) & 7;
      int halfStep = segment == 0 ? 8 : 8 << (segment - 1);
      assertThat(Math.abs(G711.aLawToLinear(code) - x))
          .as("A-law %d -> 0x%02X", x, code)
          .isLessThanOrEqualTo(halfStep + 7);
    }
  }

  @Test
  void louderCodesDecodeLouder() {
    // Positive μ-law codes run from 0xFF (quietest) down to 0x80 (loudest).
    for (int code = 0xFF; code > 0x80; code--) {
      assertThat(G711.muLawToLinear((byte) (code - 1)))
          .isGreaterThan(G711.muLawToLinear((byte) code));
    }
    // Positive A-law codes are 0x80..0xFF with the even bits inverted; undo that to order them.
    for (int magnitude = 1; magnitude < 0x80; magnitude++) {
      assertThat(G711.aLawToLinear((byte) ((0x80 | magnitude) ^ 0x55)))
          .isGreaterThan(G711.aLawToLinear((byte) ((0x80 | (magnitude - 1)) ^ 0x55)));
    }
  }

  private static short[] jdkDecode(byte[] codes, Encoding encoding) throws IOException {
    var source = new javax.sound.sampled.AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
    var target = new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false);
    try (AudioInputStream in =
        AudioSystem.getAudioInputStream(
            target, new AudioInputStream(new ByteArrayInputStream(codes), source, codes.length))) {
      byte[] pcm = in.readAllBytes();
      short[] samples = new short[pcm.length / 2];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
      }
      return samples;
    }
  }
}
