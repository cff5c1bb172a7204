package io.civicline.signaling.asterisk.ami;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads AMI from a byte stream (TCP chunk boundaries mean nothing): the banner line, then messages
 * of {@code Key: value} lines ended by an empty line. Lines end in CR LF (a bare LF is accepted).
 *
 * <p>Anything else is refused with {@link AmiProtocolException} instead of being guessed at: a line
 * longer than {@code maxLineBytes}, bytes that are not UTF-8, a line without a colon, a message
 * that is neither a response nor an event, an unknown response code, too many headers, EOF in the
 * middle of a message. After such garbage the connection must be dropped.
 */
final class AmiMessageReader {
  /** {@code Follows} is what Asterisk before 14 answered to {@code Command}. */
  private static final Set<String> RESPONSES = Set.of("success", "error", "goodbye", "follows");

  static final String BANNER_PREFIX = "Asterisk Call Manager/";

  private final InputStream in;
  private final int maxLineBytes;
  private final int maxHeaders;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  AmiMessageReader(InputStream in, int maxLineBytes, int maxHeaders) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.maxHeaders = maxHeaders;
  }

  /** Reads the greeting; returns the version part, e.g. {@code 11.0.0}. */
  String readBanner() throws IOException {
    String banner = readLine();
    if (banner == null) {
      throw new AmiProtocolException("connection closed before the AMI banner");
    }
    if (!banner.startsWith(BANNER_PREFIX)) {
      throw new AmiProtocolException("not an AMI banner: '" + AmiLog.excerpt(banner) + "'");
    }
    return banner.substring(BANNER_PREFIX.length());
  }

  /**
   * The next message, or null at EOF between messages.
   *
   * @throws AmiProtocolException on garbage, or EOF in the middle of a message (truncated packet)
   */
  AmiMessage readMessage() throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    while (true) {
      String text = readLine();
      if (text == null) {
        if (headers.isEmpty()) {
          return null;
        }
        throw new AmiProtocolException(
            "connection closed in the middle of a message after " + headers.size() + " headers");
      }
      if (text.isEmpty()) {
        if (headers.isEmpty()) {
          continue; // tolerate stray blank lines between messages
        }
        return validated(headers);
      }
      if (headers.size() >= maxHeaders) {
        throw new AmiProtocolException("message with more than " + maxHeaders + " headers");
      }
      headers.add(header(text));
    }
  }

  private static Map.Entry<String, String> header(String text) throws AmiProtocolException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new AmiProtocolException("not a 'Key: value' line: '" + AmiLog.excerpt(text) + "'");
    }
    String key = text.substring(0, colon);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new AmiProtocolException("control character in key '" + AmiLog.excerpt(key) + "'");
      }
    }
    // Exactly one space follows the colon; more is part of the value (CLI output keeps padding).
    int start = colon + 1;
    if (start < text.length() && text.charAt(start) == ' ') {
      start++;
    }
    return Map.entry(key, text.substring(start));
  }

  private static AmiMessage validated(List<Map.Entry<String, String>> headers)
      throws AmiProtocolException {
    Map.Entry<String, String> first = headers.get(0);
    if (first.getKey().equalsIgnoreCase("Response")) {
      if (!RESPONSES.contains(first.getValue().toLowerCase(java.util.Locale.ROOT))) {
        throw new AmiProtocolException(
            "unknown response code '" + AmiLog.excerpt(first.getValue()) + "'");
      }
    } else if (!first.getKey().equalsIgnoreCase("Event") || first.getValue().isEmpty()) {
      throw new AmiProtocolException(
          "message is neither a response nor an event: starts with '"
              + AmiLog.excerpt(first.getKey())
              + "'");
    }
    return new AmiMessage(headers);
  }

  /** Next line without its terminator, null at EOF on a line boundary. */
  private String readLine() throws IOException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new AmiProtocolException("connection closed in the middle of a line");
      }
      if (b == '\n') {
        return decode(line.toByteArray());
      }
      if (line.size() >= maxLineBytes) {
        throw new AmiProtocolException("line longer than " + maxLineBytes + " bytes");
      }
      line.write(b);
    }
  }

  private String decode(byte[] bytes) throws AmiProtocolException {
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw new AmiProtocolException("line is not UTF-8 (" + n + " bytes)");
    }
  }
}
