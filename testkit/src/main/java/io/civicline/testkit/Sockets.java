package io.civicline.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** Closing the sockets of the stand-ins' small servers, where a failing close changes nothing. */
public final class Sockets {
  private Sockets() {}

  public static void closeQuietly(Closeable socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway; the thread serving it ends on its own
    }
  }

  /** Stops listening, then closes the connections still open. */
  public static void closeAll(ServerSocket server, Iterable<Socket> open) {
    closeQuietly(server);
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }
}
