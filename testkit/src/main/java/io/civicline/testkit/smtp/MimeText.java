package io.civicline.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough MIME (RFC 2045 to 2047) to read what a mail client sends: headers, multipart bodies,
 * quoted-printable and base64, and encoded words in headers. Good enough for tests, not a parser
 * for mail from the wild.
 */
final class MimeText {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
  private static final Pattern BETWEEN_ENCODED_WORDS =
      Pattern.compile("(\\?=)\\s+(=\\?[^?]+\\?[bBqQ]\\?)");
  private static final Pattern PARAMETER =
      Pattern.compile(";\\s*([A-Za-z0-9._-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

  /** A message or one part of a multipart body. */
  record Part(Map<String, List<String>> headers, String body, List<Part> children) {

    String header(String name) {
      List<String> values = headers.getOrDefault(name, List.of());
      return values.isEmpty() ? "" : values.get(0);
    }

    /** The media type without parameters, lower case; {@code text/plain} when unstated. */
    String contentType() {
      String value = header("Content-Type");
      if (value.isBlank()) {
        return "text/plain";
      }
      return value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    Optional<String> parameter(String name) {
      Matcher matcher = PARAMETER.matcher(header("Content-Type"));
      while (matcher.find()) {
        if (matcher.group(1).equalsIgnoreCase(name)) {
          return Optional.of(matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
      }
      return Optional.empty();
    }

    /** The body with its transfer encoding undone, read in its charset (UTF-8 if unstated). */
    String decodedBody() {
      Charset charset = parameter("charset").map(MimeText::charset).orElse(StandardCharsets.UTF_8);
      String encoding = header("Content-Transfer-Encoding").trim().toLowerCase(Locale.ROOT);
      return switch (encoding) {
        case "quoted-printable" -> new String(quotedPrintable(body, true), charset);
        case "base64" -> new String(base64(body), charset);
        // 7bit/8bit bodies were already read as UTF-8 off the wire
        default -> body;
      };
    }
  }

  private MimeText() {}

  static Part parse(String raw) {
    int split = raw.indexOf("\r\n\r\n");
    String head = split < 0 ? raw : raw.substring(0, split);
    String body = split < 0 ? "" : raw.substring(split + 4);
    if (raw.startsWith("\r\n")) {
      head = "";
      body = raw.substring(2);
    }
    Map<String, List<String>> headers = headers(head);
    Part part = new Part(headers, body, List.of());
    if (!part.contentType().startsWith("multipart/")) {
      return part;
    }
    Optional<String> boundary = part.parameter("boundary");
    if (boundary.isEmpty()) {
      return part;
    }
    List<Part> children = new ArrayList<>();
    for (String section : sections(body, boundary.get())) {
      children.add(parse(section));
    }
    return new Part(headers, body, children);
  }

  /** Every part that is not itself a multipart, depth first, in order. */
  static void collectLeaves(Part part, List<Part> into) {
    if (part.children().isEmpty()) {
      into.add(part);
    } else {
      part.children().forEach(child -> collectLeaves(child, into));
    }
  }

  /** Decodes RFC 2047 encoded words; whitespace between two adjacent encoded words is dropped. */
  static String decodeEncodedWords(String value) {
    String joined = BETWEEN_ENCODED_WORDS.matcher(value).replaceAll("$1$2");
    Matcher matcher = ENCODED_WORD.matcher(joined);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Charset charset = charset(matcher.group(1).split("\\*", 2)[0]);
      byte[] bytes =
          matcher.group(2).equalsIgnoreCase("B")
              ? base64(matcher.group(3))
              : quotedPrintable(matcher.group(3).replace('_', ' '), false);
      matcher.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static Map<String, List<String>> headers(String head) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // RFC 5322 2.2.3: a line starting with white space continues the previous header
    String unfolded = head.replaceAll("\r\n(?=[ \t])", "");
    for (String line : unfolded.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static List<String> sections(String body, String boundary) {
    List<String> sections = new ArrayList<>();
    String delimiter = "--" + boundary;
    StringBuilder current = null;
    for (String line : body.split("\r\n", -1)) {
      if (line.equals(delimiter + "--")) {
        break;
      }
      if (line.equals(delimiter)) {
        if (current != null) {
          sections.add(withoutFinalCrlf(current));
        }
        current = new StringBuilder();
      } else if (current != null) {
        current.append(line).append("\r\n");
      }
    }
    if (current != null) {
      sections.add(withoutFinalCrlf(current));
    }
    return sections;
  }

  /** The CRLF before a boundary belongs to the boundary (RFC 2046 5.1.1). */
  private static String withoutFinalCrlf(StringBuilder text) {
    int end = text.length();
    return end >= 2 ? text.substring(0, end - 2) : text.toString();
  }

  private static byte[] quotedPrintable(String text, boolean softLineBreaks) {
    String source = softLineBreaks ? text.replace("=\r\n", "") : text;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < source.length()) {
      int c = source.codePointAt(i);
      if (c == '=' && isHex(source, i + 1)) {
        out.write(Integer.parseInt(source.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        byte[] bytes = Character.toString(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(c);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(String text, int at) {
    return at + 1 < text.length()
        && Character.digit(text.charAt(at), 16) >= 0
        && Character.digit(text.charAt(at + 1), 16) >= 0;
  }

  private static byte[] base64(String text) {
    return Base64.getMimeDecoder().decode(text.trim());
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
