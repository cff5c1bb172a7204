package io.civicline.signaling.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.testkit.asterisk.FastAgiPeer;
import io.civicline.testkit.asterisk.Garbage;
import io.civicline.testkit.asterisk.ReplayOptions;
import io.civicline.testkit.asterisk.ReplayResult;
import io.civicline.testkit.asterisk.Transcript;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Broken input ends only its own session; the server keeps serving others. */
class FastAgiServerRobustnessTest {

  private static final ReplayOptions LENIENT =
      ReplayOptions.lenient().readTimeout(Duration.ofSeconds(2));

  /** Replays the commands of agi-happy-path (strictly) for connections whose script is route. */
  private static AgiSessionHandler happyPathOrNothing(AtomicInteger handled) {
    List<String> lines = AgiTranscriptReplayTest.appLines("agi-happy-path");
    return session -> {
      handled.incrementAndGet();
      for (String line : lines) {
        session.send(line);
      }
    };
  }

  private static FastAgiServer start(AgiSessionHandler handler) throws Exception {
    return FastAgiServer.start(FastAgiServer.Options.defaults("127.0.0.1", 0), handler);
  }

  private static void awaitFailed(FastAgiServer server, long n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.failed() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.failed()).isEqualTo(n);
  }

  @Test
  void truncatedEnvironmentClosesThatSessionWhileAGoodCallIsServed() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    try (FastAgiServer server = start(happyPathOrNothing(handled))) {
      CompletableFuture<ReplayResult> bad =
          FastAgiPeer.replayAsync(
              Garbage.truncatedEnvironment("agi-happy-path", 200),
              "127.0.0.1",
              server.port(),
              LENIENT);
      FastAgiPeer.replay("agi-happy-path", "127.0.0.1", server.port()).assertMatched();
      ReplayResult badResult = bad.get(10, TimeUnit.SECONDS);
      assertThat(badResult.received()).isEmpty();
      awaitFailed(server, 1);
      assertThat(handled).hasValue(1);
    }
  }

  @Test
  void aPeerThatIsNotAnAllowedAsteriskIsRefusedBeforeAnythingRuns() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    FastAgiServer.Options onlyOthers =
        FastAgiServer.Options.defaults("127.0.0.1", 0)
            .withAllowedPeers(address -> !address.isLoopbackAddress());
    try (FastAgiServer server = FastAgiServer.start(onlyOthers, happyPathOrNothing(handled))) {
      ReplayResult result =
          FastAgiPeer.replay("agi-happy-path", "127.0.0.1", server.port(), LENIENT);

      assertThat(result.received()).isEmpty();
      assertThat(server.refused()).isEqualTo(1);
      assertThat(handled).hasValue(0);
    }
    try (FastAgiServer server =
        FastAgiServer.start(
            FastAgiServer.Options.defaults("127.0.0.1", 0)
                .withAllowedPeers(InetAddress::isLoopbackAddress),
            happyPathOrNothing(handled))) {
      FastAgiPeer.replay("agi-happy-path", "127.0.0.1", server.port()).assertMatched();
      assertThat(server.refused()).isZero();
    }
  }

  @Test
  void overlongLineIsRefused() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    try (FastAgiServer server = start(happyPathOrNothing(handled))) {
      CompletableFuture<ReplayResult> bad =
          FastAgiPeer.replayAsync(
              Garbage.inEnvironment("agi-happy-path", Garbage.overlongLine(100_000)),
              "127.0.0.1",
              server.port(),
              LENIENT);
      FastAgiPeer.replay("agi-dial-busy", "127.0.0.1", server.port(), LENIENT);
      assertThat(bad.get(10, TimeUnit.SECONDS).received()).isEmpty();
      awaitFailed(server, 1);
    }
  }

  @Test
  void nonUtf8EnvironmentIsDecodedWithReplacement() throws Exception {
    CompletableFuture<AgiRequest> seen = new CompletableFuture<>();
    try (FastAgiServer server = start(session -> seen.complete(session.request()))) {
      FastAgiPeer.replay(
          Garbage.inEnvironment("agi-happy-path", Garbage.nonUtf8Line()),
          "127.0.0.1",
          server.port(),
          LENIENT);
      AgiRequest request = seen.get(5, TimeUnit.SECONDS);
      assertThat(request.get("calleridname").orElseThrow()).startsWith("M\uFFFD").contains("x");
      assertThat(request.channel()).startsWith("Local/5551234@from-pstn");
      assertThat(server.failed()).isZero();
    }
  }

  @Test
  void unknownReplyCodeClosesTheSession() throws Exception {
    Transcript t = withEnvironment("ANSWER\n", "299 result=0\n");
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    try (FastAgiServer server =
        start(
            session -> {
              try {
                session.send("ANSWER");
              } catch (Exception e) {
                errors.add(e);
                throw e;
              }
            })) {
      FastAgiPeer.replay(t, "127.0.0.1", server.port(), ReplayOptions.strict()).assertMatched();
      awaitFailed(server, 1);
      assertThat(errors).singleElement().isInstanceOf(AgiProtocolException.class);
    }
  }

  @Test
  void deadChannelFailsFastWithoutWriting() throws Exception {
    Transcript t =
        Transcript.builder("hand-made-dead")
            .asterisk(environment())
            .app("STREAM FILE please-hold \"\"\n")
            .asterisk("200 result=-1 endpos=7200\nHANGUP\n")
            .app("GET VARIABLE DIALSTATUS\n")
            .asterisk("200 result=1 (CANCEL)\n")
            .appEof()
            .asterisk("HANGUP\n")
            .asteriskEof()
            .build();
    CompletableFuture<ChannelHungUpException> refused = new CompletableFuture<>();
    try (FastAgiServer server =
        start(
            session -> {
              session.send("STREAM FILE please-hold \"\"");
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
              while (System.nanoTime() < deadline) {
                try {
                  session.send("STREAM FILE goodbye \"\"");
                } catch (ChannelHungUpException e) {
                  refused.complete(e);
                  break;
                }
              }
              assertThat(session.hungUp()).isTrue();
              assertThat(session.send("GET VARIABLE DIALSTATUS").data()).isEqualTo("CANCEL");
            })) {
      FastAgiPeer.replay(t, "127.0.0.1", server.port(), ReplayOptions.strict()).assertMatched();
      ChannelHungUpException e = refused.get(5, TimeUnit.SECONDS);
      assertThat(e.notSent()).isTrue();
      assertThat(e.getMessage()).contains("STREAM FILE");
      assertThat(server.failed()).isZero();
    }
  }

  @Test
  void overCapacityConnectionsAreClosedUnanswered() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    try (FastAgiServer server =
        FastAgiServer.start(
            FastAgiServer.Options.defaults("127.0.0.1", 0).withMaxConcurrentCalls(1),
            session -> {
              entered.countDown();
              release.await(5, TimeUnit.SECONDS);
            })) {
      CompletableFuture<ReplayResult> first =
          FastAgiPeer.replayAsync(
              Transcript.load("agi-arguments"), "127.0.0.1", server.port(), LENIENT);
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      try (Socket second = new Socket()) {
        second.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        second.setSoTimeout(2000);
        assertThat(second.getInputStream().read()).isEqualTo(-1);
      }
      assertThat(server.rejected()).isEqualTo(1);
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sendRefusesMultiLineCommands() throws Exception {
    CompletableFuture<Throwable> seen = new CompletableFuture<>();
    try (FastAgiServer server =
        start(
            session -> {
              try {
                session.send("ANSWER\nHANGUP");
              } catch (IllegalArgumentException e) {
                seen.complete(e);
              }
            })) {
      FastAgiPeer.replay("agi-arguments", "127.0.0.1", server.port(), LENIENT);
      assertThat(seen.get(5, TimeUnit.SECONDS)).hasMessageContaining("single line");
    }
  }

  @Test
  void quoting() {
    assertThat(AgiCommands.quote("")).isEqualTo("\"\"");
    assertThat(AgiCommands.quote("a \"quoted\" (value)")).isEqualTo("\"a \\\"quoted\\\" (value)\"");
    assertThat(AgiCommands.quote("\"New Name\" <12345>")).isEqualTo("\"\\\"New Name\\\" <12345>\"");
    assertThat(AgiCommands.quote("back\\slash")).isEqualTo("\"back\\\\slash\"");
    assertThatThrownBy(() -> AgiCommands.quote("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AgiCommands.allowedOnDeadChannel("get variable DIALSTATUS")).isTrue();
    assertThat(AgiCommands.allowedOnDeadChannel("STREAM FILE goodbye \"\"")).isFalse();
  }

  private static byte[] environment() {
    Transcript happy = Transcript.load("agi-happy-path");
    return Arrays.copyOf(happy.asteriskBytes(), Garbage.environmentEnd(happy));
  }

  @Test
  void shutdownCutsOffACallStillWaitingForAsteriskAfterTheGracePeriod() throws Exception {
    // Asterisk receives ANSWER but never replies (e.g. a long Dial): the session is blocked.
    Transcript stuck =
        Transcript.builder("stuck").asterisk(environment()).app("ANSWER\n").appEof().build();
    CountDownLatch sent = new CountDownLatch(1);
    FastAgiServer server =
        start(
            session -> {
              sent.countDown();
              session.send("ANSWER");
            });
    try {
      CompletableFuture<ReplayResult> peer =
          FastAgiPeer.replayAsync(stuck, "127.0.0.1", server.port(), ReplayOptions.strict());
      assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
      awaitActive(server, 1);

      assertThat(server.shutdown(Duration.ofMillis(200))).isEqualTo(1);

      ReplayResult result = peer.get(10, TimeUnit.SECONDS);
      result.assertMatched();
      assertThat(result.appClosed()).isTrue();
      awaitActive(server, 0);
      assertThat(server.failed()).isZero();
    } finally {
      server.close();
    }
  }

  @Test
  void shutdownWaitsForACallThatEndsWithinTheGracePeriod() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    FastAgiServer server =
        start(
            session -> {
              started.countDown();
              Thread.sleep(150);
              session.send("ANSWER");
            });
    try {
      CompletableFuture<ReplayResult> peer =
          FastAgiPeer.replayAsync(
              withEnvironment("ANSWER\n", "200 result=0\n"),
              "127.0.0.1",
              server.port(),
              ReplayOptions.strict());
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(server.shutdown(Duration.ofSeconds(5))).isZero();

      peer.get(10, TimeUnit.SECONDS).assertMatched();
      assertThat(server.activeCalls()).isZero();
      assertThat(server.failed()).isZero();
      try (Socket late = new Socket()) {
        assertThatThrownBy(
                () -> late.connect(new InetSocketAddress("127.0.0.1", server.port()), 500))
            .isInstanceOf(java.io.IOException.class);
      }
    } finally {
      server.close();
    }
  }

  private static void awaitActive(FastAgiServer server, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.activeCalls() != n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.activeCalls()).isEqualTo(n);
  }

  private static Transcript withEnvironment(String command, String reply) {
    return Transcript.builder("hand-made")
        .asterisk(environment())
        .app(command)
        .asterisk(reply)
        .appEof()
        .asteriskEof()
        .build();
  }
}
