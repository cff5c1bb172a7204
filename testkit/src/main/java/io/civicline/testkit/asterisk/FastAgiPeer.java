package io.civicline.testkit.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * Plays a real Asterisk as the FastAGI <b>client</b>: connects to the application's FastAGI server
 * and replays a recorded transcript's {@code asterisk->app} bytes, checking what the application
 * sends against the transcript.
 *
 * <pre>{@code
 * ReplayResult r = FastAgiPeer.replay("agi-happy-path", "127.0.0.1", server.port());
 * r.assertMatched();
 * }</pre>
 *
 * <p>Byte for byte: everything the app sends is compared with the transcript's {@code
 * app->asterisk} stream as one byte stream (the app may write in any chunking). Asterisk's next
 * chunk goes out only after the app sent every byte that precedes it in the transcript, so each
 * reply answers the command it answered on the real PBX; an app EOF in the transcript makes the
 * peer wait for the app's EOF before it sends what Asterisk sent after it (the final {@code
 * HANGUP\n}); Asterisk's EOF is a {@code shutdownOutput()}. Pacing and lenient comparison: {@link
 * ReplayOptions}. Garbage injection: {@link Garbage}.
 *
 * <p>The call blocks until the replay ends (the transcript's end, or the first failure); use {@link
 * #replayAsync} when the test thread has to do something meanwhile.
 */
public final class FastAgiPeer {
  private FastAgiPeer() {}

  /** Strict replay of the bundled transcript {@code name}. */
  public static ReplayResult replay(String transcript, String host, int port) {
    return replay(Transcript.load(transcript), host, port, ReplayOptions.strict());
  }

  public static ReplayResult replay(
      String transcript, String host, int port, ReplayOptions options) {
    return replay(Transcript.load(transcript), host, port, options);
  }

  /**
   * Connects to {@code host:port} and replays {@code transcript}.
   *
   * @throws UncheckedIOException if the connection cannot be made
   */
  public static ReplayResult replay(
      Transcript transcript, String host, int port, ReplayOptions options) {
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(host, port),
          (int) Math.min(Integer.MAX_VALUE, options.readTimeout().toMillis()));
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do
      }
      throw new UncheckedIOException(
          "cannot connect to the FastAGI server " + host + ":" + port, e);
    }
    return new Replayer(socket, transcript, options).run();
  }

  /** {@link #replay(Transcript, String, int, ReplayOptions)} on a daemon thread. */
  public static CompletableFuture<ReplayResult> replayAsync(
      Transcript transcript, String host, int port, ReplayOptions options) {
    CompletableFuture<ReplayResult> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(replay(transcript, host, port, options));
              } catch (Throwable t) {
                future.completeExceptionally(t);
              }
            },
            "fastagi-peer-" + transcript.name());
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  public static CompletableFuture<ReplayResult> replayAsync(
      String transcript, String host, int port) {
    return replayAsync(Transcript.load(transcript), host, port, ReplayOptions.strict());
  }
}
