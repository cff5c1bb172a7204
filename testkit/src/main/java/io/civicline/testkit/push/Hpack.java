package io.civicline.testkit.push;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Just enough HPACK (RFC 7541) for a test server: decodes header blocks with the static and dynamic
 * tables, and encodes answers as literals that touch no table. Huffman-coded strings are refused:
 * Netty (the Vert.x HTTP/2 client) codes only strings of 512 bytes and more that way, far longer
 * than any header a push request carries.
 */
final class Hpack {
  private static final String[][] STATIC = {
    {":authority", ""},
    {":method", "GET"},
    {":method", "POST"},
    {":path", "/"},
    {":path", "/index.html"},
    {":scheme", "http"},
    {":scheme", "https"},
    {":status", "200"},
    {":status", "204"},
    {":status", "206"},
    {":status", "304"},
    {":status", "400"},
    {":status", "404"},
    {":status", "500"},
    {"accept-charset", ""},
    {"accept-encoding", "gzip, deflate"},
    {"accept-language", ""},
    {"accept-ranges", ""},
    {"accept", ""},
    {"access-control-allow-origin", ""},
    {"age", ""},
    {"allow", ""},
    {"authorization", ""},
    {"cache-control", ""},
    {"content-disposition", ""},
    {"content-encoding", ""},
    {"content-language", ""},
    {"content-length", ""},
    {"content-location", ""},
    {"content-range", ""},
    {"content-type", ""},
    {"cookie", ""},
    {"date", ""},
    {"etag", ""},
    {"expect", ""},
    {"expires", ""},
    {"from", ""},
    {"host", ""},
    {"if-match", ""},
    {"if-modified-since", ""},
    {"if-none-match", ""},
    {"if-range", ""},
    {"if-unmodified-since", ""},
    {"last-modified", ""},
    {"link", ""},
    {"location", ""},
    {"max-forwards", ""},
    {"proxy-authenticate", ""},
    {"proxy-authorization", ""},
    {"range", ""},
    {"referer", ""},
    {"refresh", ""},
    {"retry-after", ""},
    {"server", ""},
    {"set-cookie", ""},
    {"strict-transport-security", ""},
    {"transfer-encoding", ""},
    {"user-agent", ""},
    {"vary", ""},
    {"via", ""},
    {"www-authenticate", ""}
  };

  /** The decoder's dynamic table, newest first; one per connection. */
  private final Deque<String[]> dynamic = new ArrayDeque<>();

  private int maxSize = 4096;
  private int size;
  private byte[] block;
  private int pos;

  List<Map.Entry<String, String>> decode(byte[] headerBlock) {
    block = headerBlock;
    pos = 0;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    while (pos < block.length) {
      int first = block[pos] & 0xff;
      if ((first & 0x80) != 0) {
        String[] entry = entry(readInt(7));
        headers.add(Map.entry(entry[0], entry[1]));
      } else if ((first & 0x40) != 0) {
        String[] entry = literal(6);
        headers.add(Map.entry(entry[0], entry[1]));
        add(entry);
      } else if ((first & 0x20) != 0) {
        maxSize = readInt(5);
        evict();
      } else {
        String[] entry = literal(4); // without indexing, or never indexed
        headers.add(Map.entry(entry[0], entry[1]));
      }
    }
    return headers;
  }

  private String[] literal(int prefix) {
    int index = readInt(prefix);
    String name = index == 0 ? readString() : entry(index)[0];
    return new String[] {name, readString()};
  }

  private String[] entry(int index) {
    if (index >= 1 && index <= STATIC.length) {
      return STATIC[index - 1];
    }
    int at = index - STATIC.length - 1;
    if (index < 1 || at >= dynamic.size()) {
      throw new IllegalStateException("HPACK index out of range: " + index);
    }
    return dynamic.stream().skip(at).findFirst().orElseThrow();
  }

  private void add(String[] entry) {
    dynamic.addFirst(entry);
    size += entrySize(entry);
    evict();
  }

  private void evict() {
    while (size > maxSize && !dynamic.isEmpty()) {
      size -= entrySize(dynamic.removeLast());
    }
  }

  private static int entrySize(String[] entry) {
    return entry[0].getBytes(StandardCharsets.UTF_8).length
        + entry[1].getBytes(StandardCharsets.UTF_8).length
        + 32;
  }

  private int readInt(int prefix) {
    int mask = (1 << prefix) - 1;
    int value = block[pos++] & mask;
    if (value < mask) {
      return value;
    }
    int shift = 0;
    int next;
    do {
      next = block[pos++] & 0xff;
      value += (next & 0x7f) << shift;
      shift += 7;
    } while ((next & 0x80) != 0);
    return value;
  }

  private String readString() {
    boolean huffman = (block[pos] & 0x80) != 0;
    int length = readInt(7);
    if (huffman) {
      throw new UnsupportedOperationException("Huffman-coded header strings are not supported");
    }
    String text = new String(block, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return text;
  }

  /** An answer's header block: {@code :status}, then each header as a literal never indexed. */
  static byte[] encode(int status, Map<String, String> headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, 0x00, 4, 8); // literal without indexing, name ":status" (static index 8)
    writeString(out, Integer.toString(status));
    headers.forEach(
        (name, value) -> {
          writeInt(out, 0x00, 4, 0);
          writeString(out, name.toLowerCase(java.util.Locale.ROOT));
          writeString(out, value);
        });
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeInt(out, 0x00, 7, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int flags, int prefix, int value) {
    int mask = (1 << prefix) - 1;
    if (value < mask) {
      out.write(flags | value);
      return;
    }
    out.write(flags | mask);
    value -= mask;
    while (value >= 0x80) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
