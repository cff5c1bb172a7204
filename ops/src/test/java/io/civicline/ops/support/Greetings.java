package io.civicline.ops.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Greeting files for upload tests. */
public final class Greetings {
  private Greetings() {}

  /** A 16-bit PCM WAV of a 440 Hz tone at half scale (silence when {@code amplitude} is 0). */
  public static byte[] wav(int rate, int channels, double seconds, int amplitude) {
    int frames = (int) Math.round(rate * seconds);
    int data = frames * channels * 2;
    ByteBuffer buf = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data);
    buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    buf.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    buf.putShort((short) (channels * 2)).putShort((short) 16);
    buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    for (int i = 0; i < frames; i++) {
      short sample = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / rate));
      for (int c = 0; c < channels; c++) {
        buf.putShort(sample);
      }
    }
    return buf.array();
  }

  /** A small greeting: 8 kHz mono, 1.5 seconds of tone. */
  public static byte[] small() {
    return wav(8000, 1, 1.5, 16000);
  }

  /** Headerless 8 kHz μ-law of a tone (the Asterisk {@code .ulaw} form). */
  public static byte[] rawMuLaw(double seconds) {
    int samples = (int) Math.round(8000 * seconds);
    byte[] out = new byte[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = muLaw((short) (16000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
    }
    return out;
  }

  /** G.711 μ-law encoding of one 16-bit sample. */
  static byte muLaw(short pcm) {
    int sample = pcm;
    int sign = (sample >> 8) & 0x80;
    if (sign != 0) {
      sample = -sample;
    }
    sample = Math.min(sample, 32635) + 0x84;
    int exponent = 7;
    for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (sample >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }
}
