package io.civicline.testkit.asterisk;

import static io.civicline.testkit.asterisk.FastAgiPeerTest.readToEnd;
import static io.civicline.testkit.asterisk.FastAgiPeerTest.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.ReplayResult.Kind;
import io.civicline.testkit.asterisk.ScriptedApp.Chunking;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AmiPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String LOGIN =
      "Action: Login\r\nActionID: login-1\r\nUsername: uctest\r\nSecret: uctest\r\n\r\n";

  static Stream<Arguments> amiTranscripts() {
    List<Arguments> all = new ArrayList<>();
    for (String name : Transcript.names()) {
      if (name.startsWith("ami-")) {
        for (Chunking mode : Chunking.values()) {
          all.add(Arguments.of(name, mode));
        }
      }
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(13 * 3);
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("amiTranscripts")
  void replaysEveryTranscriptByteForByteWhateverTheClientsChunking(String name, Chunking mode)
      throws Exception {
    Transcript t = Transcript.load(name);
    try (AmiPeer peer = AmiPeer.start(name);
        Socket client = new Socket(peer.host(), peer.port())) {
      ScriptedApp.Outcome app = ScriptedApp.play(client, t, mode);

      ReplayResult result = peer.result(0, WAIT);
      result.assertMatched();
      assertThat(result.received()).isEqualTo(t.appBytes());
      assertThat(result.appClosed()).isTrue();
      assertThat(app.problem()).isNull();
      assertThat(app.received()).isEqualTo(t.asteriskBytes());
      assertThat(app.asteriskClosed()).isTrue();
      assertThat(peer.connections()).isEqualTo(1);
    }
  }

  @Test
  void aWrongActionIsReportedReadably() throws Exception {
    try (AmiPeer peer = AmiPeer.start("ami-login-plaintext");
        Socket client = new Socket(peer.host(), peer.port())) {
      readUntil(client.getInputStream(), "\r\n");
      client
          .getOutputStream()
          .write(LOGIN.replace("Secret: uctest", "Secret: other").getBytes(StandardCharsets.UTF_8));

      ReplayResult result = peer.result(0, WAIT);

      ReplayResult.Failure failure = result.failure().orElseThrow();
      assertThat(failure.kind()).isEqualTo(Kind.MISMATCH);
      assertThat(failure.offset()).isEqualTo(LOGIN.indexOf("uctest\r\n\r\n"));
      assertThat(failure.expected()).contains("Secret: uctest\\r\\n\\r\\n");
      assertThat(failure.actual()).contains("Secret: other\\r\\n\\r\\n");
      assertThat(result.describe()).contains("line 4, column 9");
      assertThat(readToEnd(client.getInputStream())).isEmpty(); // peer closed, nothing more sent
    }
  }

  @Test
  void dropConnectionThenTheClientReconnectsAndIsServedAgain() throws Exception {
    try (AmiPeer peer = AmiPeer.start("ami-login-plaintext")) {
      try (Socket first = new Socket(peer.host(), peer.port())) {
        InputStream in = first.getInputStream();
        readUntil(in, "Asterisk Call Manager/11.0.0\r\n");
        first.getOutputStream().write(LOGIN.getBytes(StandardCharsets.UTF_8));
        readUntil(in, "Authentication accepted\r\n\r\n");

        assertThat(peer.dropConnection()).isTrue();

        readToEnd(in); // the rest of the burst already sent, then EOF / reset
        ReplayResult dropped = peer.result(0, WAIT);
        assertThat(dropped.failure().orElseThrow().kind()).isEqualTo(Kind.DROPPED);
        assertThat(new String(dropped.unread(), StandardCharsets.UTF_8))
            .startsWith("Action: Logoff");
      }
      try (Socket second = new Socket(peer.host(), peer.port())) {
        Transcript t = Transcript.load("ami-login-plaintext");
        assertThat(ScriptedApp.play(second, t, Chunking.AS_RECORDED).problem()).isNull();
      }
      peer.result(1, WAIT).assertMatched();
      assertThat(peer.results()).hasSize(2);
      assertThat(peer.dropConnection()).isFalse();
    }
  }

  @Test
  void dropAfterAsteriskBytesCutsDeterministicallyAndThenServeQueuesTheNextTranscript()
      throws Exception {
    Transcript login = Transcript.load("ami-login-plaintext");
    int cut = login.offsetAfter(Direction.ASTERISK_TO_APP, "Authentication accepted\r\n\r\n");
    try (AmiPeer peer =
        AmiPeer.start(login, ReplayOptions.strict().dropAfterAsteriskBytes(cut))
            .thenServe("ami-login-md5")) {
      try (Socket first = new Socket(peer.host(), peer.port())) {
        first.getOutputStream().write(LOGIN.getBytes(StandardCharsets.UTF_8));
        byte[] got = readToEnd(first.getInputStream());
        assertThat(new String(got, StandardCharsets.UTF_8))
            .isEqualTo(new String(login.asteriskBytes(), 0, cut, StandardCharsets.UTF_8));
      }
      ReplayResult dropped = peer.result(0, WAIT);
      assertThat(dropped.failure().orElseThrow().kind()).isEqualTo(Kind.DROPPED);
      assertThat(dropped.failure().orElseThrow().offset()).isEqualTo(cut);

      for (int i = 1; i <= 2; i++) { // queued md5 once, then md5 again (the last one served)
        try (Socket next = new Socket(peer.host(), peer.port())) {
          Transcript md5 = Transcript.load("ami-login-md5");
          assertThat(ScriptedApp.play(next, md5, Chunking.ALL_AT_ONCE).problem()).isNull();
        }
        assertThat(peer.result(i, WAIT).transcript()).isEqualTo("ami-login-md5");
        peer.result(i, WAIT).assertMatched();
      }
      peer.awaitConnections(3, WAIT);
    }
  }

  @Test
  void aClientThatHangsUpEarlyLeavesTheRestUnread() throws Exception {
    try (AmiPeer peer = AmiPeer.start("ami-command-and-misc");
        Socket client = new Socket(peer.host(), peer.port())) {
      OutputStream out = client.getOutputStream();
      Transcript t = Transcript.load("ami-command-and-misc");
      String firstAction =
          t.conversation().stream()
              .filter(turn -> turn.direction() == Direction.APP_TO_ASTERISK)
              .findFirst()
              .orElseThrow()
              .text();
      out.write(firstAction.getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();

      ReplayResult result = peer.result(0, WAIT);

      assertThat(result.failure().orElseThrow().kind()).isEqualTo(Kind.APP_CLOSED_EARLY);
      assertThat(result.failure().orElseThrow().offset()).isEqualTo(firstAction.length());
      assertThat(result.unread()).hasSize(t.appBytes().length - firstAction.length());
      assertThat(result.describe()).contains("unread (app bytes never received)");
    }
  }

  @Test
  void lenientAmiAcceptsAnyActionsLineForLine() throws Exception {
    try (AmiPeer peer = AmiPeer.start("ami-login-plaintext", ReplayOptions.lenient());
        Socket client = new Socket(peer.host(), peer.port())) {
      InputStream in = client.getInputStream();
      readUntil(in, "\r\n");
      String login = LOGIN.replace("login-1", "my-own-id").replace("\r\n", "\n");
      client.getOutputStream().write(login.getBytes(StandardCharsets.UTF_8));
      readUntil(in, "Authentication accepted\r\n\r\n");
      client
          .getOutputStream()
          .write("action: logoff\nactionid: x\n\n".getBytes(StandardCharsets.UTF_8));
      readUntil(in, "Thanks for all the fish.\r\n\r\n");
      client.shutdownOutput();
      assertThat(readToEnd(in)).isEmpty();

      ReplayResult result = peer.result(0, WAIT);
      result.assertMatched();
      assertThat(result.receivedText()).contains("my-own-id", "action: logoff");
    }
  }
}
