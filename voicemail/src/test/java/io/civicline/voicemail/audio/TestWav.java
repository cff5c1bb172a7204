package io.civicline.voicemail.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes WAV files for tests, independently of the production writer, including ones a careful
 * writer never would: chunks in odd orders, wrong sizes, bad block align.
 */
final class TestWav {
  static final int PCM = 1;
  static final int FLOAT = 3;
  static final int A_LAW = 6;
  static final int MU_LAW = 7;
  static final int EXTENSIBLE = 0xFFFE;

  private TestWav() {}

  /** A chunk whose size field may lie ({@code declaredSize}) to make damaged files. */
  record Chunk(String id, byte[] body, long declaredSize) {
    Chunk(String id, byte[] body) {
      this(id, body, body.length);
    }

    Chunk declaring(long size) {
      return new Chunk(id, body, size);
    }
  }

  /** A whole file: RIFF header with the right size, then the chunks, odd ones padded. */
  static byte[] riff(Chunk... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WAVE"));
    for (Chunk chunk : chunks) {
      body.writeBytes(ascii(chunk.id()));
      body.writeBytes(le32(chunk.declaredSize()));
      body.writeBytes(chunk.body());
      if ((chunk.body().length & 1) == 1) {
        body.write(0);
      }
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(ascii("RIFF"));
    file.writeBytes(le32(body.size()));
    file.writeBytes(body.toByteArray());
    return file.toByteArray();
  }

  /** The usual file: fmt then data. */
  static byte[] wav(int format, int channels, int rate, int bits, double[][] frames) {
    return riff(fmt(format, channels, rate, bits), data(encode(format, bits, frames)));
  }

  static Chunk fmt(int format, int channels, int rate, int bits) {
    return fmt(format, channels, rate, bits, channels * bits / 8);
  }

  static Chunk fmt(int format, int channels, int rate, int bits, int blockAlign) {
    ByteBuffer body = le(16);
    body.putShort((short) format).putShort((short) channels).putInt(rate);
    body.putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    return new Chunk("fmt ", body.array());
  }

  /** WAVE_FORMAT_EXTENSIBLE with a standard sub-format GUID for {@code subformat}. */
  static Chunk fmtExtensible(int subformat, int channels, int rate, int bits) {
    ByteBuffer body = le(40);
    int blockAlign = channels * bits / 8;
    body.putShort((short) EXTENSIBLE).putShort((short) channels).putInt(rate);
    body.putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    body.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
    body.putShort((short) subformat).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0});
    body.put(new byte[] {(byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
    return new Chunk("fmt ", body.array());
  }

  static Chunk data(byte[] samples) {
    return new Chunk("data", samples);
  }

  static Chunk list() {
    return new Chunk("LIST", ascii("INFOISFT\u000e\0\0\0CivicLine test\0"));
  }

  static Chunk fact(int frames) {
    return new Chunk("fact", le32(frames));
  }

  /** Frames of channel values in −1..1, encoded as the format stores them. */
  static byte[] encode(int format, int bits, double[][] frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (double[] frame : frames) {
      for (double value : frame) {
        switch (format * 100 + bits) {
          case PCM * 100 + 8 -> out.write((int) Math.round(value * 127) + 128);
          case PCM * 100 + 16 -> out.writeBytes(leN(Math.round(value * 32767), 2));
          case PCM * 100 + 24 -> out.writeBytes(leN(Math.round(value * 8388607), 3));
          case PCM * 100 + 32 -> out.writeBytes(leN(Math.round(value * 2147483647.0), 4));
          case FLOAT * 100 + 32 -> out.writeBytes(le32(Float.floatToIntBits((float) value)));
          case FLOAT * 100 + 64 -> out.writeBytes(leN(Double.doubleToLongBits(value), 8));
          case A_LAW * 100 + 8 -> out.write(G711.linearToALaw((int) Math.round(value * 32767)));
          case MU_LAW * 100 + 8 -> out.write(G711.linearToMuLaw((int) Math.round(value * 32767)));
          default -> throw new IllegalArgumentException(format + "/" + bits);
        }
      }
    }
    return out.toByteArray();
  }

  /** A sine tone, the same in every channel. */
  static double[][] sine(double hertz, int rate, double seconds, int channels, double amplitude) {
    int count = (int) Math.round(rate * seconds);
    double[][] frames = new double[count][channels];
    for (int i = 0; i < count; i++) {
      double value = amplitude * Math.sin(2 * Math.PI * hertz * i / rate);
      java.util.Arrays.fill(frames[i], value);
    }
    return frames;
  }

  static double[][] constant(double value, int rate, double seconds, int channels) {
    int count = (int) Math.round(rate * seconds);
    double[][] frames = new double[count][channels];
    for (double[] frame : frames) {
      java.util.Arrays.fill(frame, value);
    }
    return frames;
  }

  /** Upward zero crossings per second: the frequency of a clean tone. */
  static double frequency(PcmAudio audio) {
    int crossings = 0;
    for (int i = 1; i < audio.length(); i++) {
      if (audio.sample(i - 1) < 0 && audio.sample(i) >= 0) {
        crossings++;
      }
    }
    return crossings * (double) audio.sampleRate() / audio.length();
  }

  /** The largest sample magnitude between {@code from} and {@code to} (fractions of the length). */
  static int peak(PcmAudio audio, double from, double to) {
    int peak = 0;
    for (int i = (int) (audio.length() * from); i < (int) (audio.length() * to); i++) {
      peak = Math.max(peak, Math.abs(audio.sample(i)));
    }
    return peak;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] le32(long value) {
    return leN(value, 4);
  }

  private static byte[] leN(long value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (value >> (8 * i));
    }
    return out;
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
