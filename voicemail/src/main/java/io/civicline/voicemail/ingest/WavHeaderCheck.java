package io.civicline.voicemail.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Accepts a recording only if it is a WAV file whose audio is as long as the carrier said (within
 * two seconds, or a tenth), reading the length from its header.
 */
public final class WavHeaderCheck implements AudioCheck {
  static final long MAX_BYTES = 64L * 1024 * 1024;

  @Override
  public int verify(byte[] audio, int expectedSeconds) {
    if (audio.length < 44 || audio.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a recording of " + audio.length + " bytes is not plausible");
    }
    ByteBuffer wav = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.getInt(0) != 0x46464952 || wav.getInt(8) != 0x45564157) {
      throw new IllegalArgumentException(
          "the recording is not a WAV file (it starts with "
              + java.util.HexFormat.of().formatHex(audio, 0, Math.min(12, audio.length))
              + ")");
    }
    long byteRate = 0;
    long dataBytes = -1;
    int at = 12;
    while (at + 8 <= audio.length) {
      int id = wav.getInt(at);
      long size = Integer.toUnsignedLong(wav.getInt(at + 4));
      if (id == 0x20746d66 && at + 20 <= audio.length) { // "fmt "
        byteRate = Integer.toUnsignedLong(wav.getInt(at + 16));
      } else if (id == 0x61746164) { // "data"
        dataBytes = Math.min(size, audio.length - at - 8L);
        break;
      }
      at += 8 + (int) size + (int) (size & 1);
    }
    if (byteRate == 0 || dataBytes <= 0) {
      throw new IllegalArgumentException("the recording has no audio");
    }
    int seconds = (int) Math.round((double) dataBytes / byteRate);
    int tolerance = Math.max(2, expectedSeconds / 10);
    if (expectedSeconds > 0 && Math.abs(seconds - expectedSeconds) > tolerance) {
      throw new IllegalArgumentException(
          "the recording lasts " + seconds + " s but the carrier said " + expectedSeconds + " s");
    }
    return seconds;
  }
}
