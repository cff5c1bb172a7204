package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.idsByAction;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.AmiPeer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Asterisk stopped with {@code core stop now} while logged in (with and without events). */
class AmiShutdownReplayTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @ParameterizedTest
  @CsvSource({"ami-shutdown-events-on, on, 1", "ami-shutdown-events-off, off, 0"})
  void asteriskShuttingDownIsACleanLossFollowedByABackedOffReconnect(
      String transcript, String eventMask, int shutdownEvents) {
    try (AmiPeer peer = AmiPeer.start(transcript)) {
      AmiTestSupport.RecordingBackoff backoff =
          new AmiTestSupport.RecordingBackoff(Duration.ofMinutes(10)); // no 2nd attempt in test
      AmiClient client =
          new AmiClient(
              vertx,
              server(peer),
              options(idsByAction(Map.of("Login", "login-1")), eventMask).withBackoff(backoff));
      List<AmiMessage> shutdowns = new CopyOnWriteArrayList<>();
      client.addEventListener(
          e -> {
            if (e.isEvent("Shutdown")) {
              shutdowns.add(e);
            }
          });
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());

      connections.awaitDisconnects(1);
      // The client closed its side after Asterisk's FIN, as the recorded client did.
      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(connections.log).containsExactly("in", "out");
      assertThat(connections.causes).containsExactly((Throwable) null);
      assertThat(client.isLoggedIn()).isFalse();
      assertThat(backoff.failures).containsExactly(1);
      assertThat(shutdowns).hasSize(shutdownEvents);
      if (shutdownEvents > 0) {
        assertThat(shutdowns.get(0).get("Shutdown")).isEqualTo("Cleanly");
      }
      await(client.close()); // cancels the pending reconnect
      assertThat(peer.connections()).isEqualTo(1);
    }
  }
}
