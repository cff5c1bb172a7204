package io.civicline.signaling.asterisk.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The length of a WAV file Asterisk recorded, from its header: data bytes / byte rate, rounded.
 * RECORD FILE's {@code endpos} is unreliable for this (Asterisk reports 0 when the caller hangs
 * up), so the file itself is the measure.
 */
final class WavDuration {
  private static final int HEADER_BYTES = 4096;

  private WavDuration() {}

  /** Seconds of audio, or empty when the file is missing or not a PCM WAV file. */
  static Optional<Integer> seconds(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEADER_BYTES);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (head.length < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) {
      return Optional.empty();
    }
    long byteRate = 0;
    for (int at = 12; at + 8 <= head.length; ) {
      long size = b.getInt(at + 4) & 0xffffffffL;
      if (tag(head, at, "fmt ") && at + 16 <= head.length) {
        byteRate = b.getInt(at + 8 + 8) & 0xffffffffL;
      } else if (tag(head, at, "data")) {
        if (byteRate == 0) {
          return Optional.empty();
        }
        // Asterisk may leave the size unfinished when the call drops: trust the file length.
        long available = Files.size(file) - (at + 8);
        long data = size == 0 || size > available ? available : size;
        return Optional.of((int) Math.round((double) data / byteRate));
      }
      at += 8 + (int) (size + (size & 1));
    }
    return Optional.empty();
  }

  private static boolean tag(byte[] bytes, int at, String name) {
    return at + 4 <= bytes.length
        && new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII).equals(name);
  }
}
