package io.civicline.testkit.asterisk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Broken FastAGI input for robustness tests: transcripts whose Asterisk side was cut short or has
 * junk inserted. Replay them with {@link ReplayOptions#lenient()} (the app is expected to react,
 * not to follow the recording), then look at {@link ReplayResult#received()} and at the app.
 *
 * <pre>{@code
 * Transcript t = Garbage.truncatedEnvironment("agi-happy-path", 40);
 * ReplayResult r = FastAgiPeer.replay(t, "127.0.0.1", port, ReplayOptions.lenient());
 * Transcript junk = Garbage.inEnvironment("agi-happy-path", Garbage.overlongLine(100_000));
 * Transcript bad = Garbage.inEnvironment("agi-happy-path", Garbage.nonUtf8Line());
 * }</pre>
 */
public final class Garbage {
  private Garbage() {}

  /**
   * Asterisk sends only the first {@code keepBytes} bytes of the environment block and then
   * half-closes (as if it died mid-handshake).
   */
  public static Transcript truncatedEnvironment(String transcript, int keepBytes) {
    Transcript t = Transcript.load(transcript);
    int envEnd = environmentEnd(t);
    if (keepBytes < 0 || keepBytes >= envEnd) {
      throw new IllegalArgumentException(
          "keepBytes must be in [0, " + envEnd + ") to cut the environment short");
    }
    return t.truncateAsterisk(keepBytes);
  }

  /** Asterisk sends {@code line} as one more line of the environment (before the empty line). */
  public static Transcript inEnvironment(String transcript, byte[] line) {
    Transcript t = Transcript.load(transcript);
    return t.insertAsterisk(environmentEnd(t) - 1, line);
  }

  /** Offset just past the empty line that ends the FastAGI environment block. */
  public static int environmentEnd(Transcript agi) {
    return agi.offsetAfter(Direction.ASTERISK_TO_APP, "\n\n");
  }

  /** {@code agi_overlong: xxx...\n}, {@code length} bytes in all (at least 16). */
  public static byte[] overlongLine(int length) {
    String head = "agi_overlong: ";
    if (length < head.length() + 2) {
      throw new IllegalArgumentException("length must be at least " + (head.length() + 2));
    }
    return (head + "x".repeat(length - head.length() - 1) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code agi_calleridname: } followed by bytes that are not UTF-8 (a lone continuation byte, a
   * truncated sequence, 0xFF 0xFE) and {@code \n}.
   */
  public static byte[] nonUtf8Line() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("agi_calleridname: M".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        new byte[] {(byte) 0x80, 'x', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
    out.write('\n');
    return out.toByteArray();
  }
}
