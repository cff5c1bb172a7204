package io.civicline.testkit.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder against the examples of RFC 7541 appendix C.3 (requests without Huffman coding). */
class HpackTest {
  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  @Test
  void decodesRequestsSharingTheDynamicTable() {
    Hpack hpack = new Hpack();
    assertThat(hpack.decode(hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")))
        .containsExactly(
            Map.entry(":method", "GET"),
            Map.entry(":scheme", "http"),
            Map.entry(":path", "/"),
            Map.entry(":authority", "www.example.com"));
    // the second request names :authority by its dynamic-table index (62)
    assertThat(hpack.decode(hex("8286 84be 5808 6e6f 2d63 6163 6865")))
        .containsExactly(
            Map.entry(":method", "GET"),
            Map.entry(":scheme", "http"),
            Map.entry(":path", "/"),
            Map.entry(":authority", "www.example.com"),
            Map.entry("cache-control", "no-cache"));
    assertThat(
            hpack.decode(
                hex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")))
        .containsExactly(
            Map.entry(":method", "GET"),
            Map.entry(":scheme", "https"),
            Map.entry(":path", "/index.html"),
            Map.entry(":authority", "www.example.com"),
            Map.entry("custom-key", "custom-value"));
  }

  @Test
  void answersDecodeBackIncludingLongValues() {
    String longValue = "x".repeat(300); // a length past the 7-bit prefix
    byte[] block = Hpack.encode(410, Map.of("apns-id", longValue));
    assertThat(new Hpack().decode(block))
        .isEqualTo(List.of(Map.entry(":status", "410"), Map.entry("apns-id", longValue)));
  }

  @Test
  void refusesHuffmanCodedStringsLoudly() {
    // C.4.1: the same first request with Huffman-coded :authority
    assertThatThrownBy(() -> new Hpack().decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
