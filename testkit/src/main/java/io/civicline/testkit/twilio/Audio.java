package io.civicline.testkit.twilio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Makes the bytes of simulated recordings: a quiet 440 Hz tone, or silence for MP3. */
final class Audio {
  static final int SAMPLE_RATE = 8000;

  private Audio() {}

  /** A valid RIFF/WAVE file: 8 kHz, mono, 16-bit little-endian PCM. */
  static byte[] wav(int seconds) {
    int samples = SAMPLE_RATE * seconds;
    int dataBytes = samples * 2;
    ByteBuffer buf = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    buf.putInt(36 + dataBytes);
    buf.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    buf.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    buf.putInt(16); // PCM fmt chunk size
    buf.putShort((short) 1); // PCM
    buf.putShort((short) 1); // mono
    buf.putInt(SAMPLE_RATE);
    buf.putInt(SAMPLE_RATE * 2); // byte rate
    buf.putShort((short) 2); // block align
    buf.putShort((short) 16); // bits per sample
    buf.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    buf.putInt(dataBytes);
    for (int i = 0; i < samples; i++) {
      buf.putShort((short) (3000 * Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE)));
    }
    return buf.array();
  }

  /**
   * Silent MPEG-1 Layer III frames (32 kbit/s, 32 kHz, mono, 144 bytes, 1152 samples each). A frame
   * with all-zero side information and main data decodes to silence.
   */
  static byte[] mp3(int seconds) {
    int frames = Math.max(1, (int) Math.ceil(seconds * 32000.0 / 1152));
    ByteArrayOutputStream out = new ByteArrayOutputStream(frames * 144);
    byte[] frame = new byte[144];
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xFB;
    frame[2] = (byte) 0x18;
    frame[3] = (byte) 0xC0;
    for (int i = 0; i < frames; i++) {
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }
}
