package io.civicline.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The WebSocket load tool works end to end on a small load; it asserts delivery, not speed. */
class SocketLoadSmokeTest {
  @Test
  void everySocketIsHeldAndGetsEveryDepartmentEvent() throws Exception {
    SocketLoad.Options options = new SocketLoad.Options(12, 3, 4);

    SocketLoad.Result result = SocketLoad.run(options);

    assertThat(result.socketsHeld()).isEqualTo(12);
    assertThat(result.fanOut().count()).isEqualTo(12 * 4);
    assertThat(result.baseline().count()).isEqualTo(4);
    assertThat(SocketLoad.report(options, result)).contains("12 authenticated sockets held");
  }
}
