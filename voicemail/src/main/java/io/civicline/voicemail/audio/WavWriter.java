package io.civicline.voicemail.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes the two mono WAV layouts we store. */
final class WavWriter {
  private WavWriter() {}

  /**
   * μ-law WAV. Non-PCM formats carry the 18-byte WAVEFORMATEX (with a zero {@code cbSize}) and a
   * {@code fact} chunk giving the frame count, as the RIFF spec asks; some players refuse μ-law
   * without them.
   */
  static byte[] muLaw(byte[] codes, int sampleRate) {
    int pad = codes.length & 1;
    int size = 12 + (8 + 18) + (8 + 4) + 8 + codes.length + pad;
    ByteBuffer out = header(size);
    chunk(out, "fmt ", 18);
    out.putShort((short) AudioFormat.MU_LAW.code())
        .putShort((short) 1)
        .putInt(sampleRate)
        .putInt(sampleRate) // one byte per sample
        .putShort((short) 1)
        .putShort((short) 8)
        .putShort((short) 0);
    chunk(out, "fact", 4);
    out.putInt(codes.length);
    chunk(out, "data", codes.length);
    out.put(codes);
    if (pad == 1) {
      out.put((byte) 0);
    }
    return out.array();
  }

  /** 16-bit PCM WAV with the plain 16-byte fmt chunk. */
  static byte[] pcm16(short[] samples, int sampleRate) {
    int dataSize = samples.length * 2;
    ByteBuffer out = header(12 + (8 + 16) + 8 + dataSize);
    chunk(out, "fmt ", 16);
    out.putShort((short) AudioFormat.PCM.code())
        .putShort((short) 1)
        .putInt(sampleRate)
        .putInt(sampleRate * 2)
        .putShort((short) 2)
        .putShort((short) 16);
    chunk(out, "data", dataSize);
    for (short sample : samples) {
      out.putShort(sample);
    }
    return out.array();
  }

  private static ByteBuffer header(int totalSize) {
    ByteBuffer out = ByteBuffer.allocate(totalSize).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(totalSize - 8);
    out.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  private static void chunk(ByteBuffer out, String id, int size) {
    out.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size);
  }
}
