package io.civicline.testkit.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.civicline.testkit.asterisk.ReplayResult.Kind;
import io.civicline.testkit.asterisk.ScriptedApp.Chunking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FastAgiPeerTest {
  private static final String HOST = "127.0.0.1";

  /** A FastAGI "server" for one connection, run by {@code app} on its own thread. */
  interface App<T> {
    T handle(Socket socket) throws Exception;
  }

  private static <T> Run<T> serve(App<T> app) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture<T> done =
        CompletableFuture.supplyAsync(
            () -> {
              try (server;
                  Socket s = server.accept()) {
                return app.handle(s);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    return new Run<>(server.getLocalPort(), done);
  }

  private record Run<T>(int port, CompletableFuture<T> app) {
    T appResult() throws Exception {
      return app.get(15, TimeUnit.SECONDS);
    }
  }

  static Stream<Arguments> agiTranscripts() {
    List<Arguments> all = new ArrayList<>();
    for (String name : Transcript.names()) {
      if (name.startsWith("agi-")) {
        for (Chunking mode : Chunking.values()) {
          all.add(Arguments.of(name, mode));
        }
      }
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(18 * 3);
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("agiTranscripts")
  void replaysEveryTranscriptByteForByteWhateverTheAppsChunking(String name, Chunking mode)
      throws Exception {
    Transcript t = Transcript.load(name);
    Run<ScriptedApp.Outcome> run = serve(s -> ScriptedApp.play(s, t, mode));

    ReplayResult result = FastAgiPeer.replay(name, HOST, run.port());

    result.assertMatched();
    assertThat(result.received()).isEqualTo(t.appBytes());
    assertThat(result.appClosed()).isTrue();
    assertThat(result.unread()).isEmpty();
    assertThat(result.unsent()).isEmpty();
    ScriptedApp.Outcome app = run.appResult();
    assertThat(app.problem()).isNull();
    assertThat(app.received()).isEqualTo(t.asteriskBytes());
    assertThat(app.asteriskClosed()).isTrue();
  }

  @Test
  void aDifferentCommandIsReportedWithItsOffsetAndAReadableExcerpt() throws Exception {
    Run<Void> run =
        serve(
            s -> {
              readUntil(s.getInputStream(), "\n\n");
              s.getOutputStream().write("ANSWER\n".getBytes(StandardCharsets.US_ASCII));
              readUntil(s.getInputStream(), "200 result=0\n");
              s.getOutputStream()
                  .write("GET VARIABLE CALLERID(name)\r\n".getBytes(StandardCharsets.US_ASCII));
              readToEnd(s.getInputStream());
              return null;
            });

    ReplayResult result = FastAgiPeer.replay("agi-happy-path", HOST, run.port());

    assertThat(result.matched()).isFalse();
    ReplayResult.Failure failure = result.failure().orElseThrow();
    assertThat(failure.kind()).isEqualTo(Kind.MISMATCH);
    // "ANSWER\n" is 7 bytes, "GET VARIABLE CALLERID(n" 23 more: 'a' vs 'u' at offset 30.
    assertThat(failure.offset()).isEqualTo(30);
    assertThat(failure.expected())
        .isEqualTo(
            "\"ANSWER\\nGET VARIABLE CALLERID(num)\\nSET VARIABLE CAPTURE_GREETING"
                + " \\\"hello world\\\"\\nGE\"...");
    assertThat(failure.actual()).isEqualTo("\"ANSWER\\nGET VARIABLE CALLERID(name)\\r\\n\"");
    assertThat(result.describe())
        .contains("MISMATCH", "offset 30", "line 2, column 24", "^ first difference");
    assertThat(result.unread()).startsWith("um)\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(result.unsent(), StandardCharsets.US_ASCII))
        .startsWith("200 result=1 (+4930123456)\n");
    run.appResult();
  }

  @Test
  void anAppThatHangsUpEarlyLeavesTheRestUnread() throws Exception {
    Run<Void> run =
        serve(
            s -> {
              readUntil(s.getInputStream(), "\n\n");
              s.getOutputStream().write("ANSWER\n".getBytes(StandardCharsets.US_ASCII));
              readUntil(s.getInputStream(), "200 result=0\n");
              s.shutdownOutput();
              readToEnd(s.getInputStream());
              return null;
            });

    ReplayResult result = FastAgiPeer.replay("agi-happy-path", HOST, run.port());

    ReplayResult.Failure failure = result.failure().orElseThrow();
    assertThat(failure.kind()).isEqualTo(Kind.APP_CLOSED_EARLY);
    assertThat(failure.offset()).isEqualTo(7);
    assertThat(result.appClosed()).isTrue();
    Transcript t = Transcript.load("agi-happy-path");
    byte[] app = t.appBytes();
    assertThat(result.unread()).isEqualTo(java.util.Arrays.copyOfRange(app, 7, app.length));
    assertThat(result.describe()).contains("unread", "GET VARIABLE CALLERID(num)\\n");
    assertThat(result.unsent()).isNotEmpty();
    run.appResult();
  }

  @Test
  void anAppThatClosesEntirelyInsteadOfHalfClosingStillMatches() throws Exception {
    Transcript t = Transcript.load("agi-dial-busy");
    for (boolean reset : new boolean[] {false, true}) {
      Run<Void> run =
          serve(
              s -> {
                s.getOutputStream().write(t.appBytes());
                readUntil(s.getInputStream(), "200 result=1 (BUSY)\n200 result=1\n");
                if (reset) {
                  s.setSoLinger(true, 0);
                }
                s.close();
                return null;
              });

      ReplayResult result = FastAgiPeer.replay(t, HOST, run.port(), ReplayOptions.strict());

      result.assertMatched();
      assertThat(result.appClosed()).isTrue();
      assertThat(new String(result.unsent(), StandardCharsets.US_ASCII))
          .isIn("", "HANGUP\n", "HANGUP\nHANGUP\n");
      run.appResult();
    }
  }

  @Test
  void aSilentAppTimesOutWithWhatItStillOwes() throws Exception {
    Run<Void> run =
        serve(
            s -> {
              readUntil(s.getInputStream(), "\n\n");
              readToEnd(s.getInputStream());
              return null;
            });

    ReplayResult result =
        FastAgiPeer.replay(
            "agi-dial-busy",
            HOST,
            run.port(),
            ReplayOptions.strict().readTimeout(Duration.ofMillis(200)));

    assertThat(result.failure().orElseThrow().kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(result.failure().orElseThrow().offset()).isZero();
    assertThat(result.unread()).isEqualTo(Transcript.load("agi-dial-busy").appBytes());
    run.appResult();
  }

  @Test
  void extraBytesAfterTheTranscriptAreReported() throws Exception {
    Transcript t =
        Transcript.builder("tiny")
            .asterisk("agi_network: yes\n\n")
            .app("NOOP\n")
            .asterisk("200 result=0\n")
            .appEof()
            .asterisk("HANGUP\n")
            .asteriskEof()
            .build();
    Run<Void> run =
        serve(
            s -> {
              readUntil(s.getInputStream(), "\n\n");
              s.getOutputStream().write("NOOP\n".getBytes(StandardCharsets.US_ASCII));
              readUntil(s.getInputStream(), "200 result=0\n");
              s.getOutputStream().write("NOOP\n".getBytes(StandardCharsets.US_ASCII));
              readToEnd(s.getInputStream());
              return null;
            });

    ReplayResult result = FastAgiPeer.replay(t, HOST, run.port(), ReplayOptions.strict());

    ReplayResult.Failure failure = result.failure().orElseThrow();
    assertThat(failure.kind()).isEqualTo(Kind.UNEXPECTED_BYTES);
    assertThat(failure.offset()).isEqualTo(5);
    assertThat(failure.expected()).isEqualTo("\"NOOP\\n\"<EOF>");
    assertThat(failure.actual()).isEqualTo("\"NOOP\\nNOOP\\n\"");
    assertThat(new String(result.unsent(), StandardCharsets.US_ASCII)).isEqualTo("HANGUP\n");
    run.appResult();
  }

  @Test
  void lenientAcceptsAnyCommandsAndPacesOnLines() throws Exception {
    Transcript t = Transcript.load("agi-dial-busy");
    long lines =
        t.conversation().stream()
            .filter(turn -> turn.direction() == Direction.APP_TO_ASTERISK)
            .mapToLong(turn -> turn.text().chars().filter(c -> c == '\n').count())
            .sum();
    Run<byte[]> run =
        serve(
            s -> {
              InputStream in = s.getInputStream();
              OutputStream out = s.getOutputStream();
              readUntil(in, "\n\n");
              for (int i = 0; i < lines; i++) {
                out.write(("NOOP " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                readUntil(in, "\n");
              }
              s.shutdownOutput();
              return readToEnd(in);
            });

    ReplayResult result = FastAgiPeer.replay(t, HOST, run.port(), ReplayOptions.lenient());

    result.assertMatched();
    assertThat(result.lenient()).isTrue();
    assertThat(result.receivedText()).startsWith("NOOP 0\r\nNOOP 1\r\n");
    assertThat(result.appClosed()).isTrue();
    run.appResult();
  }

  @Test
  void garbageTruncatedEnvironmentThenEof() throws Exception {
    Transcript t = Garbage.truncatedEnvironment("agi-happy-path", 40);
    Run<byte[]> run = serve(s -> readToEnd(s.getInputStream()));

    ReplayResult result =
        FastAgiPeer.replay(
            t, HOST, run.port(), ReplayOptions.lenient().readTimeout(Duration.ofMillis(300)));

    byte[] sent = run.appResult();
    assertThat(sent).hasSize(40);
    assertThat(new String(sent, StandardCharsets.US_ASCII))
        .isEqualTo(
            new String(
                Transcript.load("agi-happy-path").asteriskBytes(),
                0,
                40,
                StandardCharsets.US_ASCII));
    assertThat(result.matched()).isTrue();
  }

  @Test
  void garbageOverlongAndNonUtf8LinesInTheEnvironment() throws Exception {
    byte[] overlong = Garbage.overlongLine(70_000);
    byte[] nonUtf8 = Garbage.nonUtf8Line();
    Transcript t =
        Garbage.inEnvironment("agi-dial-busy", overlong)
            .insertAsterisk(10, nonUtf8); // even in the middle of the first line
    Run<byte[]> run =
        serve(
            s -> {
              s.shutdownOutput(); // an app that gives up at once: the lenient peer sends it all
              return readToEnd(s.getInputStream());
            });

    ReplayResult result = FastAgiPeer.replay(t, HOST, run.port(), ReplayOptions.lenient());

    result.assertMatched();
    byte[] got = run.appResult();
    assertThat(got).isEqualTo(t.asteriskBytes());
    byte[] original = Transcript.load("agi-dial-busy").asteriskBytes();
    assertThat(got).hasSize(original.length + overlong.length + nonUtf8.length);
    int envEnd = Garbage.environmentEnd(Transcript.load("agi-dial-busy"));
    String text = new String(got, StandardCharsets.ISO_8859_1);
    assertThat(text.indexOf("agi_overlong: xxx")).isEqualTo(envEnd - 1 + nonUtf8.length);
    assertThat(text).endsWith("\n\nHANGUP\n".substring(2));
    assertThat(text.substring(10, 10 + nonUtf8.length))
        .isEqualTo(new String(nonUtf8, StandardCharsets.ISO_8859_1));
  }

  @Test
  void timeScaleHonoursGapsUpToTheCap() throws Exception {
    assertThat(ReplayOptions.strict().pauseMillis(300)).isZero();
    assertThat(ReplayOptions.strict().timeScale(1).pauseMillis(300)).isEqualTo(300);
    assertThat(ReplayOptions.strict().timeScale(0.5).pauseMillis(300)).isEqualTo(150);
    assertThat(ReplayOptions.strict().timeScale(1).maxGap(Duration.ofMillis(20)).pauseMillis(300))
        .isEqualTo(20);
    assertThat(ReplayOptions.strict().timeScale(1).pauseMillis(-5)).isZero();
    // A paced replay still delivers every byte in order.
    Transcript t =
        Transcript.builder("gaps")
            .at(0)
            .asterisk("a\n")
            .at(300)
            .asterisk("b\n")
            .asteriskEof()
            .build();
    Run<byte[]> run = serve(s -> readToEnd(s.getInputStream()));
    FastAgiPeer.replay(
            t, HOST, run.port(), ReplayOptions.strict().timeScale(1).maxGap(Duration.ofMillis(20)))
        .assertMatched();
    assertThat(run.appResult()).isEqualTo("a\nb\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void replayAsyncAndConnectionRefused() throws Exception {
    Run<ScriptedApp.Outcome> run =
        serve(s -> ScriptedApp.play(s, Transcript.load("agi-arguments"), Chunking.AS_RECORDED));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            FastAgiPeer.replayAsync("agi-arguments", HOST, run.port())
                .get(10, TimeUnit.SECONDS)
                .assertMatched());
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FastAgiPeer.replay("agi-arguments", HOST, closedPort))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("FastAGI server");
  }

  static void readUntil(InputStream in, String marker) throws IOException {
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      byte[] s = seen.toByteArray();
      if (s.length >= m.length
          && java.util.Arrays.equals(s, s.length - m.length, s.length, m, 0, m.length)) {
        return;
      }
    }
    throw new IOException("EOF before " + marker);
  }

  static byte[] readToEnd(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException ignored) {
      // reset counts as the end
    }
    return out.toByteArray();
  }
}
