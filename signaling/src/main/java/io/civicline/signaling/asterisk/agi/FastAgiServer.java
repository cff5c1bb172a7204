package io.civicline.signaling.asterisk.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking FastAGI server. One platform acceptor thread; each connection runs on its own virtual
 * thread (never a Vert.x event loop), at most {@code maxConcurrentCalls} at a time. Over the limit
 * a connection is closed without a byte (Asterisk then continues the dialplan after AGI() with
 * {@code AGISTATUS=FAILURE}). A broken connection only ends its own session.
 */
public final class FastAgiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);
  private static final Duration ENVIRONMENT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Server settings. {@code port} 0 picks a free port. {@code allowedPeers} decides which remote
   * addresses may connect: FastAGI has no authentication, so a node should only take calls from its
   * Asterisk servers.
   */
  public record Options(
      String host,
      int port,
      int maxConcurrentCalls,
      int maxLineBytes,
      Duration readTimeout,
      Duration drainTimeout,
      java.util.function.Predicate<InetAddress> allowedPeers) {
    public Options {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      if (maxConcurrentCalls < 1 || maxLineBytes < 64) {
        throw new IllegalArgumentException("maxConcurrentCalls >= 1 and maxLineBytes >= 64");
      }
      Objects.requireNonNull(readTimeout, "readTimeout");
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      Objects.requireNonNull(allowedPeers, "allowedPeers");
    }

    /**
     * Defaults: 500 concurrent calls, 8 KiB lines, no read timeout (commands like GET DATA or Dial
     * legitimately block for minutes), 2 s drain on close.
     */
    public static Options defaults(String host, int port) {
      return new Options(
          host, port, 500, 8192, Duration.ZERO, Duration.ofSeconds(2), address -> true);
    }

    public Options withMaxConcurrentCalls(int n) {
      return new Options(host, port, n, maxLineBytes, readTimeout, drainTimeout, allowedPeers);
    }

    public Options withMaxLineBytes(int n) {
      return new Options(
          host, port, maxConcurrentCalls, n, readTimeout, drainTimeout, allowedPeers);
    }

    public Options withReadTimeout(Duration d) {
      return new Options(
          host, port, maxConcurrentCalls, maxLineBytes, d, drainTimeout, allowedPeers);
    }

    /** Only these remote addresses may connect; others are closed at once and counted. */
    public Options withAllowedPeers(java.util.function.Predicate<InetAddress> allowed) {
      return new Options(
          host, port, maxConcurrentCalls, maxLineBytes, readTimeout, drainTimeout, allowed);
    }
  }

  private final Options options;
  private final AgiSessionHandler handler;
  private final Semaphore permits;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Set<Socket> liveSockets = ConcurrentHashMap.newKeySet();
  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private volatile boolean closing;

  private FastAgiServer(Options options, AgiSessionHandler handler) throws IOException {
    this.options = options;
    this.handler = Objects.requireNonNull(handler, "handler");
    this.permits = new Semaphore(options.maxConcurrentCalls());
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(
        new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
    this.acceptor = Thread.ofPlatform().name("fastagi-accept").daemon().unstarted(this::acceptLoop);
  }

  /** Binds and starts accepting. */
  public static FastAgiServer start(Options options, AgiSessionHandler handler) throws IOException {
    FastAgiServer server = new FastAgiServer(options, handler);
    server.acceptor.start();
    LOG.info(
        "fastagi listening host={} port={} maxConcurrentCalls={}",
        options.host(),
        server.port(),
        options.maxConcurrentCalls());
    return server;
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public long connections() {
    return connections.get();
  }

  /** Connections closed unanswered because {@code maxConcurrentCalls} was reached. */
  public long rejected() {
    return rejected.get();
  }

  /** Sessions ended by a protocol or I/O error, or by a handler exception. */
  /** Connections closed because their peer is not an allowed Asterisk server. */
  public long refused() {
    return refused.get();
  }

  public long failed() {
    return failed.get();
  }

  public int activeCalls() {
    return options.maxConcurrentCalls() - permits.availablePermits();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closing) {
          LOG.error("fastagi accept failed: {}", e.toString());
          sleepQuietly(100); // e.g. out of file descriptors: do not spin
        }
        continue;
      }
      if (closing) {
        closeQuietly(socket); // arrived while stopping: Asterisk retries another node
        return;
      }
      connections.incrementAndGet();
      if (!options.allowedPeers().test(socket.getInetAddress())) {
        refused.incrementAndGet();
        LOG.warn(
            "fastagi connection from an unknown peer refused remote={}",
            socket.getRemoteSocketAddress());
        closeQuietly(socket);
        continue;
      }
      if (!permits.tryAcquire()) {
        rejected.incrementAndGet();
        LOG.warn(
            "fastagi over capacity, closing connection remote={} max={}",
            socket.getRemoteSocketAddress(),
            options.maxConcurrentCalls());
        closeQuietly(socket);
        continue;
      }
      liveSockets.add(socket); // before the thread starts, so shutdown() always sees it
      try {
        Thread.ofVirtual().name("fastagi-" + connections.get()).start(() -> serve(socket));
      } catch (RuntimeException e) {
        liveSockets.remove(socket);
        permits.release();
        closeQuietly(socket);
        LOG.error("fastagi could not start a session thread: {}", e.toString());
      }
    }
  }

  private void serve(Socket socket) {
    Object remote = socket.getRemoteSocketAddress();
    SocketAgiSession session = null;
    try {
      socket.setTcpNoDelay(true);
      // A peer that connects and never finishes the environment must not hold a permit forever.
      socket.setSoTimeout((int) ENVIRONMENT_TIMEOUT.toMillis());
      session = new SocketAgiSession(socket, options.maxLineBytes(), options.drainTimeout());
      AgiRequest request = session.readRequest();
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.readTimeout().toMillis()));
      LOG.debug(
          "fastagi session start script={} channel={} uniqueid={}",
          request.script(),
          request.channel(),
          request.uniqueId());
      handler.handle(session);
    } catch (ChannelHungUpException e) {
      LOG.debug("fastagi session ended, caller hung up remote={}: {}", remote, e.getMessage());
    } catch (AgiProtocolException e) {
      failed.incrementAndGet();
      LOG.warn("fastagi protocol error, closing remote={} reason={}", remote, e.getMessage());
    } catch (SocketTimeoutException e) {
      failed.incrementAndGet();
      LOG.warn("fastagi read timeout, closing remote={}", remote);
    } catch (SocketException e) {
      if (closing) {
        LOG.info("fastagi session cut off by shutdown remote={}", remote);
        return;
      }
      failed.incrementAndGet();
      LOG.info("fastagi connection lost remote={} reason={}", remote, e.getMessage());
    } catch (Exception e) {
      failed.incrementAndGet();
      LOG.error("fastagi session failed remote={}", remote, e);
    } finally {
      try {
        if (session != null) {
          session.close();
        } else {
          closeQuietly(socket);
        }
      } finally {
        liveSockets.remove(socket);
        permits.release();
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /**
   * Stops accepting, lets running sessions finish for up to {@code grace}, then closes the sockets
   * of the rest. Asterisk sees the connection drop and continues the dialplan after {@code AGI()},
   * so a call is never left hanging on a node that is going away.
   *
   * @return how many sessions were cut off
   */
  static final Duration WRAP_UP = Duration.ofSeconds(3);

  public int shutdown(Duration grace) {
    close();
    long deadline = System.nanoTime() + grace.toNanos();
    while (!liveSockets.isEmpty() && System.nanoTime() < deadline) {
      sleepQuietly(10);
    }
    int cutOff = 0;
    for (Socket socket : liveSockets) {
      closeQuietly(socket);
      cutOff++;
    }
    if (cutOff > 0) {
      LOG.warn(
          "fastagi shutdown cut off sessions count={} graceMillis={}", cutOff, grace.toMillis());
    }
    // Handlers of cut-off calls still record how their calls ended: give them a moment before
    // the caller goes on to close the store they write to.
    long wrapUp = System.nanoTime() + WRAP_UP.toNanos();
    while (activeCalls() > 0 && System.nanoTime() < wrapUp) {
      sleepQuietly(10);
    }
    return cutOff;
  }

  /** Stops accepting. Running sessions continue until their calls end (see {@link #shutdown}). */
  @Override
  public void close() {
    closing = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
