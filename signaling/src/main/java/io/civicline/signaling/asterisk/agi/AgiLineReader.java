package io.civicline.signaling.asterisk.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads LF-terminated lines from Asterisk as a byte stream (chunk boundaries mean nothing). A
 * trailing CR is dropped. Lines longer than {@code maxLineBytes} are refused. Bytes that are not
 * UTF-8 are decoded with U+FFFD and counted in {@link #malformedLines()}.
 */
final class AgiLineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
  private int malformedLines;

  AgiLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Next line without its terminator, or {@code null} at EOF on a line boundary.
   *
   * @throws AgiProtocolException on an overlong line or EOF in the middle of a line
   */
  String readLine() throws IOException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new AgiProtocolException("connection closed in the middle of a line");
      }
      if (b == '\n') {
        return decode(line.toByteArray());
      }
      if (line.size() >= maxLineBytes) {
        throw new AgiProtocolException("line longer than " + maxLineBytes + " bytes");
      }
      line.write(b);
    }
  }

  /**
   * True when a complete {@code HANGUP\n} line is already buffered (read without blocking); it is
   * then consumed. Anything else is left in place.
   */
  boolean pollHangupNotice() throws IOException {
    if (!in.markSupported() || in.available() < 7) {
      return false;
    }
    in.mark(8);
    byte[] head = in.readNBytes(7);
    if (new String(head, StandardCharsets.US_ASCII).equals("HANGUP\n")) {
      return true;
    }
    in.reset();
    return false;
  }

  int malformedLines() {
    return malformedLines;
  }

  private String decode(byte[] bytes) {
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      malformedLines++;
      return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
  }
}
