package io.civicline.signaling.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.testkit.asterisk.Transcript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire parser, on real capture bytes and on broken input. */
class AmiMessageReaderTest {

  @Test
  void parsesEveryMessageOfTheBiggestCaptureOneByteAtATime() throws IOException {
    Transcript calls = Transcript.load("ami-call-events");
    // Feeding one byte per read() proves chunk boundaries do not matter.
    AmiMessageReader reader = reader(new OneByteAtATime(calls.asteriskBytes()), 65_536);
    assertThat(reader.readBanner()).isEqualTo("11.0.0");
    List<AmiMessage> messages = new ArrayList<>();
    for (AmiMessage m = reader.readMessage(); m != null; m = reader.readMessage()) {
      messages.add(m);
    }
    String text = new String(calls.asteriskBytes(), StandardCharsets.UTF_8);
    assertThat(messages).hasSize(text.split("\r\n\r\n").length);
    assertThat(messages.get(0).response()).isEqualTo("Success");
    assertThat(messages.get(0).actionId()).isEqualTo("login-1");
    assertThat(messages).filteredOn(m -> m.isEvent("Hangup")).hasSize(4);
    AmiMessage hangup = messages.stream().filter(m -> m.isEvent("Hangup")).findFirst().get();
    assertThat(hangup.get("accountcode")).isEmpty(); // "AccountCode: " keeps an empty value
    assertThat(hangup.get("Cause-txt")).isEqualTo("Normal Clearing");
  }

  @Test
  void commandOutputKeepsPaddingAndRepeatedKeys() throws IOException {
    Transcript misc = Transcript.load("ami-command-and-misc");
    AmiMessageReader reader = reader(new ByteArrayInputStream(misc.asteriskBytes()), 65_536);
    reader.readBanner();
    AmiMessage busy = null;
    for (AmiMessage m = reader.readMessage(); m != null; m = reader.readMessage()) {
      if ("cmd-busy".equals(m.actionId())) {
        busy = m;
      }
    }
    assertThat(busy).isNotNull();
    List<String> output = busy.getAll("Output");
    assertThat(output.size()).isGreaterThan(2);
    assertThat(output.get(0)).startsWith("Channel").contains("  "); // column padding kept
  }

  @Test
  void bareLineFeedsAndStrayBlankLinesAreAccepted() throws IOException {
    AmiMessageReader reader =
        reader(
            bytes("Asterisk Call Manager/11.0.0\n\r\nEvent: X\nA: 1\n\nResponse: Goodbye\r\n\r\n"),
            256);
    assertThat(reader.readBanner()).isEqualTo("11.0.0");
    assertThat(reader.readMessage().get("A")).isEqualTo("1");
    assertThat(reader.readMessage().response()).isEqualTo("Goodbye");
    assertThat(reader.readMessage()).isNull();
  }

  @Test
  void garbageIsRefused() {
    assertRefused("Event: X\r\nnot a header\r\n\r\n", "not a 'Key: value' line");
    assertRefused("Response: Perhaps\r\n\r\n", "unknown response code");
    assertRefused("Foo: bar\r\n\r\n", "neither a response nor an event");
    assertRefused("Event: X\r\nA: 1\r\n", "connection closed in the middle");
    assertRefused("Event: X\r\nA: " + "y".repeat(300) + "\r\n\r\n", "line longer than 256");
    assertRefused("Event: X\r\n: no key\r\n\r\n", "not a 'Key: value' line");
  }

  @Test
  void tooManyHeadersAreRefused() {
    StringBuilder many = new StringBuilder("Event: X\r\n");
    for (int i = 0; i < 20; i++) {
      many.append("H").append(i).append(": v\r\n");
    }
    AmiMessageReader reader = new AmiMessageReader(bytes(many + "\r\n"), 256, 16);
    assertThatThrownBy(reader::readMessage).hasMessageContaining("more than 16 headers");
  }

  @Test
  void nonUtf8IsRefused() {
    byte[] bad = {'E', 'v', 'e', 'n', 't', ':', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
    AmiMessageReader reader = new AmiMessageReader(new ByteArrayInputStream(bad), 256, 16);
    assertThatThrownBy(reader::readMessage)
        .isInstanceOf(AmiProtocolException.class)
        .hasMessageContaining("not UTF-8");
  }

  private static void assertRefused(String wire, String reason) {
    AmiMessageReader reader = reader(bytes(wire), 256);
    assertThatThrownBy(reader::readMessage)
        .isInstanceOf(AmiProtocolException.class)
        .hasMessageContaining(reason);
  }

  private static AmiMessageReader reader(InputStream in, int maxLine) {
    return new AmiMessageReader(in, maxLine, 10_000);
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final class OneByteAtATime extends InputStream {
    private final byte[] data;
    private int pos;

    OneByteAtATime(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      b[off] = data[pos++];
      return 1;
    }
  }
}
