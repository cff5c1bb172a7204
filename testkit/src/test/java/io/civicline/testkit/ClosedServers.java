package io.civicline.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.IntSupplier;

/**
 * Probes servers right after they were closed. A virtual thread parked in accept keeps the
 * listening socket open for a moment after close (the JDK defers that close to it), so a client can
 * still connect then: the server must not serve it.
 */
public final class ClosedServers {
  private ClosedServers() {}

  /**
   * How many of {@code rounds} servers answered a client after close.
   *
   * @param startAndClose starts a server, closes it and gives the port it listened on
   * @param hello what the client sends first (empty for servers that speak first)
   */
  public static int answeredAfterClose(int rounds, IntSupplier startAndClose, byte[] hello) {
    int answered = 0;
    for (int round = 0; round < rounds; round++) {
      answered += answers(startAndClose.getAsInt(), hello) ? 1 : 0;
    }
    return answered;
  }

  private static boolean answers(int port, byte[] hello) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(hello);
      socket.getOutputStream().flush();
      return socket.getInputStream().read() >= 0;
    } catch (IOException refusedOrReset) {
      return false;
    }
  }
}
