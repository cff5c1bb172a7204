package io.civicline.signaling.asterisk.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavDurationTest {
  @TempDir Path dir;

  /** An 8 kHz 16-bit mono WAV as Asterisk writes it; {@code declared} is the data chunk size. */
  private Path wav(int dataBytes, long declared) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) declared);
    Path file = dir.resolve("m" + dataBytes + "-" + declared + ".wav");
    Files.write(file, b.array());
    return file;
  }

  @Test
  void durationComesFromTheDataChunk() throws IOException {
    assertThat(WavDuration.seconds(wav(16000 * 5, 16000 * 5))).hasValue(5);
    assertThat(WavDuration.seconds(wav(16000 * 2 + 9000, 16000 * 2 + 9000))).hasValue(3);
  }

  @Test
  void anUnfinishedHeaderFromADroppedCallIsMeasuredByTheFileLength() throws IOException {
    assertThat(WavDuration.seconds(wav(16000 * 4, 0))).hasValue(4);
    assertThat(WavDuration.seconds(wav(16000 * 4, 0xFFFFFFFFL))).hasValue(4);
  }

  @Test
  void missingOrForeignFilesHaveNoDuration() throws IOException {
    assertThat(WavDuration.seconds(dir.resolve("none.wav"))).isEmpty();
    Path text = dir.resolve("x.wav");
    Files.writeString(text, "not a wav file at all, just text");
    assertThat(WavDuration.seconds(text)).isEmpty();
  }
}
