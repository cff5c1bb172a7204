package io.civicline.testkit.asterisk;

import io.civicline.testkit.Sockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays a real Asterisk as the AMI <b>server</b>: listens on a free loopback port; each client
 * connection gets a recorded transcript replayed (banner first, then responses and events, each
 * sent once the client sent every byte that precedes it in the transcript, compared byte for byte).
 * Same comparison and pacing rules as {@link FastAgiPeer}; see {@link ReplayOptions}.
 *
 * <pre>{@code
 * try (AmiPeer ami = AmiPeer.start("ami-login-plaintext")) {
 *   client.connect(ami.host(), ami.port());  // the code under test
 *   ...
 *   ami.result(0, Duration.ofSeconds(5)).assertMatched();
 * }
 * }</pre>
 *
 * <p>Reconnects: every connection is served the next transcript queued with {@link #thenServe}, or
 * again the last one served. {@link #dropConnection()} (or {@link
 * ReplayOptions#dropAfterAsteriskBytes}) closes the current connection mid-transcript; its result
 * is {@link ReplayResult.Kind#DROPPED}. Connections are numbered from 0 in accept order.
 */
public final class AmiPeer implements AutoCloseable {
  private record Script(Transcript transcript, ReplayOptions options) {}

  private final ServerSocket server;
  private final Thread acceptor;
  private final Deque<Script> queue = new ArrayDeque<>();
  private final List<CompletableFuture<ReplayResult>> results = new ArrayList<>();
  private final List<Replayer> replayers = new ArrayList<>();
  private Script last;
  private int accepted;
  private volatile boolean closed;

  private AmiPeer(Script first) throws IOException {
    queue.add(first);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "ami-peer-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Serves the bundled transcript {@code name}, strict, to every connection. */
  public static AmiPeer start(String transcript) {
    return start(Transcript.load(transcript), ReplayOptions.strict());
  }

  public static AmiPeer start(String transcript, ReplayOptions options) {
    return start(Transcript.load(transcript), options);
  }

  public static AmiPeer start(Transcript transcript, ReplayOptions options) {
    try {
      return new AmiPeer(new Script(transcript, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1} (the loopback address the peer listens on). */
  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Queues {@code transcript} (strict) for the next connection not yet accepted. */
  public AmiPeer thenServe(String transcript) {
    return thenServe(Transcript.load(transcript), ReplayOptions.strict());
  }

  /** Queues a transcript for the next connection not yet accepted; later ones reuse the last. */
  public synchronized AmiPeer thenServe(Transcript transcript, ReplayOptions options) {
    queue.add(new Script(transcript, options));
    return this;
  }

  /** How many connections were accepted so far. */
  public synchronized int connections() {
    return accepted;
  }

  /** Waits until at least {@code count} connections were accepted. */
  public synchronized void awaitConnections(int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (accepted < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(
            "only " + accepted + " of " + count + " AMI connections within " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Closes the newest connection now (as a lost manager connection: FIN without {@code Response:
   * Goodbye}); its replay ends as {@link ReplayResult.Kind#DROPPED}. Returns false if there was no
   * connection still replaying.
   */
  public boolean dropConnection() {
    Replayer replayer;
    CompletableFuture<ReplayResult> future;
    synchronized (this) {
      if (replayers.isEmpty()) {
        return false;
      }
      replayer = replayers.get(replayers.size() - 1);
      future = results.get(replayers.size() - 1);
    }
    if (future.isDone()) {
      return false;
    }
    replayer.drop();
    return true;
  }

  /** The result of connection {@code index} (0-based), waiting until that replay has ended. */
  public ReplayResult result(int index, Duration timeout) {
    try {
      return future(index).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "AMI connection "
              + index
              + " did not finish within "
              + timeout
              + " (accepted so far: "
              + connections()
              + ")");
    }
  }

  /** A future of connection {@code index}'s result (completes when that replay ends). */
  public synchronized CompletableFuture<ReplayResult> future(int index) {
    while (results.size() <= index) {
      results.add(new CompletableFuture<>());
    }
    return results.get(index);
  }

  /** The results of the connections whose replay has ended, in accept order. */
  public synchronized List<ReplayResult> results() {
    List<ReplayResult> done = new ArrayList<>();
    for (CompletableFuture<ReplayResult> f : results) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        done.add(f.join());
      }
    }
    return done;
  }

  /** Stops listening and drops any connection still replaying. */
  @Override
  public void close() {
    closed = true;
    Sockets.closeQuietly(server);
    List<Replayer> all;
    synchronized (this) {
      all = new ArrayList<>(replayers);
    }
    for (int i = 0; i < all.size(); i++) {
      if (!future(i).isDone()) {
        all.get(i).drop();
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (closed) {
        Sockets.closeQuietly(socket); // arrived while closing: nothing replays to it
        return;
      }
      Replayer replayer;
      CompletableFuture<ReplayResult> future;
      int index;
      synchronized (this) {
        Script script = queue.isEmpty() ? last : queue.poll();
        last = script;
        index = accepted;
        replayer = new Replayer(socket, script.transcript(), script.options());
        replayers.add(replayer);
        future = future(index);
        accepted++;
        notifyAll();
      }
      Thread worker =
          new Thread(
              () -> {
                try {
                  future.complete(replayer.run());
                } catch (Throwable t) {
                  future.completeExceptionally(t);
                }
              },
              "ami-peer-" + port() + "-conn-" + index);
      worker.setDaemon(true);
      worker.start();
    }
  }

  @Override
  public String toString() {
    return "AmiPeer[" + host() + ":" + port() + ", " + connections() + " connections]";
  }
}
