package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.eventually;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.idsByAction;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.AmiPeer;
import io.civicline.testkit.asterisk.Garbage;
import io.civicline.testkit.asterisk.ReplayOptions;
import io.civicline.testkit.asterisk.Transcript;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage on the manager socket: the client drops that connection (the stream can no longer be
 * trusted to be in step), reconnects after the back-off and works on the next connection, which is
 * the clean capture replayed strictly. No event of the broken connection after the garbage leaks.
 */
class AmiGarbageTest {
  private static final Transcript CALL = Transcript.load("ami-call-events");

  /** Just after the login response: FullyBooted follows. A message boundary. */
  private static final int AFTER_LOGIN =
      AmiTestSupport.offsetAfter(CALL, "Authentication accepted\r\n\r\n");

  /** Inside FullyBooted, before its terminating empty line. */
  private static final int INSIDE_EVENT =
      AmiTestSupport.offsetAfter(CALL, "Event: FullyBooted\r\n");

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        Arguments.of(
            "overlong line",
            CALL.insertAsterisk(AFTER_LOGIN, Garbage.overlongLine(100_000)),
            "line longer than"),
        Arguments.of(
            "bytes that are not UTF-8",
            CALL.insertAsterisk(INSIDE_EVENT, Garbage.nonUtf8Line()),
            "not UTF-8"),
        Arguments.of(
            "unknown response code",
            CALL.insertAsterisk(AFTER_LOGIN, ascii("Response: Maybe\r\nActionID: x\r\n\r\n")),
            "unknown response code 'Maybe'"),
        Arguments.of(
            "line without a colon",
            CALL.insertAsterisk(INSIDE_EVENT, ascii("this is not AMI\r\n")),
            "not a 'Key: value' line"),
        Arguments.of(
            "message that is neither response nor event",
            CALL.insertAsterisk(AFTER_LOGIN, ascii("Hello: world\r\n\r\n")),
            "neither a response nor an event"),
        Arguments.of(
            "truncated packet",
            CALL.truncateAsterisk(INSIDE_EVENT + 10),
            "connection closed in the middle"),
        Arguments.of(
            "not an AMI banner",
            Transcript.builder("ssh").asterisk("SSH-2.0-OpenSSH_9.6\r\n").build(),
            "not an AMI banner"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageDropsTheConnectionAndTheNextOneWorks(String what, Transcript broken, String reason) {
    try (AmiPeer peer =
        AmiPeer.start(broken, ReplayOptions.lenient().readTimeout(Duration.ofSeconds(2)))
            .thenServe("ami-call-events")) {
      AmiClient client =
          new AmiClient(
              vertx,
              server(peer),
              options(
                  idsByAction(
                      Map.of("Login", "login-1", "Originate", "orig-1", "Logoff", "logoff-1")),
                  "on"));
      AmiTestSupport.CallEvents calls = new AmiTestSupport.CallEvents();
      client.addCallEventListener(calls);
      java.util.List<String> booted = new java.util.concurrent.CopyOnWriteArrayList<>();
      client.addEventListener(
          e -> {
            if (e.isEvent("FullyBooted")) {
              booted.add(e.get("Uptime"));
            }
          });
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());

      connections.awaitDisconnects(1);
      Throwable cause = connections.causes.get(0);
      eventually("logged in on a clean connection", () -> client.isLoggedIn());
      OriginateResult result = await(client.originate(callOfTheCapture()));
      eventually("the call's hangups", () -> calls.hangups.size() == 4);
      await(client.close());

      assertThat(cause).isInstanceOf(AmiProtocolException.class);
      assertThat(cause.getMessage()).contains(reason);
      assertThat(result.reason()).isEqualTo(4);
      assertThat(peer.connections()).isEqualTo(2);
      peer.result(1, Duration.ofSeconds(5)).assertMatched();
      // FullyBooted of the clean connection only (garbage sits before or inside the first one's).
      assertThat(booted).containsExactly("43");
    }
  }

  private static Originate callOfTheCapture() {
    return new Originate(
        "Local/5551234@from-pstn",
        "capture-caller",
        "talk",
        1,
        "\"PSTN Test\" <+4930123456>",
        Duration.ofSeconds(30),
        Map.of("TESTVAR", "hello"));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
