package io.civicline.testkit.push;

import static io.civicline.testkit.ClosedServers.answeredAfterClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class H2cServerTest {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** The APNs stand-in closed to test an unreachable APNs once answered a push 200. */
  @Test
  void aClosedServerServesNoConnection() {
    AtomicInteger served = new AtomicInteger();
    int answered =
        answeredAfterClose(
            300,
            () -> {
              H2cServer server =
                  new H2cServer(
                      request -> {
                        served.incrementAndGet();
                        return new H2cServer.Response(200, Map.of(), new byte[0]);
                      });
              server.close();
              return server.port();
            },
            PREFACE);

    assertThat(answered).as("connections answered after close").isZero();
    assertThat(served).hasValue(0);
  }
}
