package io.civicline.testkit.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One message the {@link SmtpSink} accepted: its envelope as the client gave it, the raw content
 * after dot-unstuffing, and that content parsed enough for assertions.
 *
 * @param envelopeFrom the {@code MAIL FROM} address (empty for a bounce)
 * @param envelopeTo the accepted {@code RCPT TO} addresses, in order
 * @param user who logged in with {@code AUTH}, if anyone did
 * @param raw the message as sent, headers and body, lines ending in CRLF
 * @param headers every header by name (case-insensitive), unfolded, values not decoded
 * @param textBody the first {@code text/plain} part, transfer encoding and charset decoded, lines
 *     ending in {@code \n}
 * @param htmlBody the first {@code text/html} part, decoded the same way
 */
public record ReceivedMail(
    String envelopeFrom,
    List<String> envelopeTo,
    Optional<String> user,
    String raw,
    Map<String, List<String>> headers,
    Optional<String> textBody,
    Optional<String> htmlBody) {

  public ReceivedMail {
    envelopeTo = List.copyOf(envelopeTo);
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  static ReceivedMail parse(
      String envelopeFrom, List<String> envelopeTo, Optional<String> user, String raw) {
    MimeText.Part message = MimeText.parse(raw);
    List<MimeText.Part> leaves = new ArrayList<>();
    MimeText.collectLeaves(message, leaves);
    return new ReceivedMail(
        envelopeFrom,
        envelopeTo,
        user,
        raw,
        message.headers(),
        firstOfType(leaves, "text/plain"),
        firstOfType(leaves, "text/html"));
  }

  /** The first value of a header, undecoded. */
  public Optional<String> header(String name) {
    List<String> values = headers.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a header with RFC 2047 encoded words decoded, e.g. a UTF-8 subject. */
  public Optional<String> decodedHeader(String name) {
    return header(name).map(MimeText::decodeEncodedWords);
  }

  /** The decoded subject, or an empty string when there is none. */
  public String subject() {
    return decodedHeader("Subject").orElse("");
  }

  /** The text body, or an empty string when the message has no {@code text/plain} part. */
  public String text() {
    return textBody.orElse("");
  }

  private static Optional<String> firstOfType(List<MimeText.Part> leaves, String type) {
    return leaves.stream()
        .filter(part -> part.contentType().equalsIgnoreCase(type))
        .findFirst()
        .map(part -> part.decodedBody().replace("\r\n", "\n"));
  }
}
