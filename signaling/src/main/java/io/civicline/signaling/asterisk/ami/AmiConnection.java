package io.civicline.signaling.asterisk.ami;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to an Asterisk manager port. Blocking socket I/O runs on two virtual threads
 * (a reader and a writer), never on a Vert.x event loop. Everything the reader produces - action
 * answers and events - is handed to one Vert.x {@link Context} in wire order, so callers see
 * futures complete and events arrive on that context, one at a time.
 *
 * <p>Answers are matched to actions by ActionID. When the connection ends (EOF, I/O error, garbage,
 * {@link #close()}) every action still waiting fails with {@link AmiDisconnectedException}, and
 * {@link #closed()} completes only after the reader thread has stopped and after every event it
 * read was delivered: an owner that reconnects after {@code closed()} can never see an event of the
 * old connection arrive later, or twice.
 *
 * <p>Knows nothing about login; see {@link AmiLogin}.
 */
final class AmiConnection {
  private static final Logger LOG = LoggerFactory.getLogger(AmiConnection.class);
  private static final byte[] STOP_WRITER = new byte[0];

  /** Wire limits and the connect/banner timeout. */
  record Settings(int maxLineBytes, int maxHeaders, Duration connectTimeout) {
    Settings {
      if (maxLineBytes < 256 || maxHeaders < 16) {
        throw new IllegalArgumentException("maxLineBytes >= 256 and maxHeaders >= 16");
      }
      Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** 64 KiB lines (long {@code Variable} values), 10 000 headers (a long {@code Command}). */
    static Settings defaults() {
      return new Settings(65_536, 10_000, Duration.ofSeconds(10));
    }
  }

  private static final class Pending {
    final String action;
    final boolean list;
    final Promise<AmiListResult> promise = Promise.promise();
    final List<AmiMessage> items = new ArrayList<>();
    AmiMessage listResponse;

    Pending(String action, boolean list) {
      this.action = action;
      this.list = list;
    }
  }

  private final String label;
  private final Socket socket;
  private final AmiMessageReader reader;
  private final OutputStream out;
  private final Context context;
  private final ActionIdGenerator actionIds;
  private final Handler<AmiMessage> events;
  private final String bannerVersion;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean ended;
  private volatile boolean closeRequested;
  private Thread writerThread;

  private AmiConnection(
      String label,
      Socket socket,
      AmiMessageReader reader,
      String bannerVersion,
      Context context,
      ActionIdGenerator actionIds,
      Handler<AmiMessage> events)
      throws IOException {
    this.label = label;
    this.socket = socket;
    this.reader = reader;
    this.bannerVersion = bannerVersion;
    this.out = socket.getOutputStream();
    this.context = context;
    this.actionIds = actionIds;
    this.events = events;
  }

  /**
   * Connects (on a virtual thread), reads the banner and starts reading. The future completes on
   * {@code context}. {@code events} receives, on {@code context}, every event that is not an item
   * of a list action this connection is collecting.
   */
  static Future<AmiConnection> open(
      String label,
      String host,
      int port,
      Settings settings,
      Context context,
      ActionIdGenerator actionIds,
      Handler<AmiMessage> events) {
    Promise<AmiConnection> opened = Promise.promise();
    Thread.ofVirtual()
        .name("ami-connect-" + label)
        .start(
            () -> {
              Socket socket = new Socket();
              try {
                int timeout = (int) settings.connectTimeout().toMillis();
                socket.connect(new InetSocketAddress(host, port), timeout);
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.setSoTimeout(timeout); // a silent peer must not stall the banner forever
                AmiMessageReader reader =
                    new AmiMessageReader(
                        new BufferedInputStream(socket.getInputStream(), 16_384),
                        settings.maxLineBytes(),
                        settings.maxHeaders());
                String version = reader.readBanner();
                socket.setSoTimeout(0); // events may legitimately be silent for hours
                AmiConnection connection =
                    new AmiConnection(label, socket, reader, version, context, actionIds, events);
                connection.startThreads();
                context.runOnContext(v -> opened.complete(connection));
              } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                context.runOnContext(v -> opened.fail(e));
              }
            });
    return opened.future();
  }

  /** The version in the banner, e.g. {@code 11.0.0} (the AMI version, not Asterisk's). */
  String bannerVersion() {
    return bannerVersion;
  }

  /** Sends {@code action} with the next generated ActionID; completes with its response. */
  Future<AmiMessage> send(AmiAction action) {
    return send(nextActionId(action), action);
  }

  Future<AmiMessage> send(String actionId, AmiAction action) {
    return submit(actionId, action, false).map(AmiListResult::response);
  }

  /** Sends a list action and completes once its {@code EventList: Complete} event arrived. */
  Future<AmiListResult> sendList(AmiAction action) {
    return submit(nextActionId(action), action, true);
  }

  String nextActionId(AmiAction action) {
    return actionIds.next(action.name());
  }

  boolean isOpen() {
    return !ended && !closeRequested;
  }

  /**
   * Completes after the connection ended and its reader stopped: succeeded when the peer closed
   * cleanly or {@link #close()} was called, failed with the I/O or protocol error otherwise.
   */
  Future<Void> closed() {
    return closed.future();
  }

  /** Closes the socket; {@link #closed()} completes once the reader has stopped. */
  Future<Void> close() {
    closeRequested = true;
    closeQuietly(socket);
    return closed();
  }

  private Future<AmiListResult> submit(String actionId, AmiAction action, boolean list) {
    Pending entry = new Pending(action.name(), list);
    if (!isOpen()) {
      return Future.failedFuture(notConnected(action.name()));
    }
    if (pending.putIfAbsent(actionId, entry) != null) {
      return Future.failedFuture(
          new IllegalStateException("ActionID " + actionId + " is already waiting for an answer"));
    }
    outbox.add(action.encode(actionId));
    // ended() may have swept the pending map just before our put: fail it ourselves then.
    if (ended) {
      pending.remove(actionId, entry);
      entry.promise.tryFail(notConnected(action.name()));
    }
    return entry.promise.future();
  }

  private AmiDisconnectedException notConnected(String action) {
    return new AmiDisconnectedException(
        "AMI connection " + label + " closed before " + action + " was answered");
  }

  private void startThreads() {
    writerThread = Thread.ofVirtual().name("ami-write-" + label).start(this::writeLoop);
    Thread.ofVirtual().name("ami-read-" + label).start(this::readLoop);
  }

  private void writeLoop() {
    try {
      while (true) {
        byte[] bytes = outbox.take();
        if (bytes == STOP_WRITER) {
          return;
        }
        out.write(bytes);
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      if (!closeRequested && !ended) {
        LOG.atInfo()
            .addKeyValue("server", label)
            .addKeyValue("reason", e.toString())
            .log("ami write failed, closing connection");
      }
      closeQuietly(socket); // the reader sees the close and ends the connection
    }
  }

  private void readLoop() {
    Throwable failure = null;
    try {
      AmiMessage message;
      while ((message = reader.readMessage()) != null) {
        AmiMessage m = message;
        context.runOnContext(v -> dispatch(m));
      }
    } catch (IOException | RuntimeException e) {
      // A socket we closed ourselves ends the read with an exception: that is a normal close.
      failure = closeRequested ? null : e;
    } finally {
      closeQuietly(socket);
      outbox.add(STOP_WRITER);
      joinWriter();
      Throwable cause = failure;
      // Queued after every event this reader delivered, so closed() is truly the last word.
      context.runOnContext(v -> ended(cause));
    }
  }

  private void joinWriter() {
    try {
      writerThread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(AmiMessage message) {
    String id = message.actionId();
    Pending entry = id == null ? null : pending.get(id);
    if (message.isResponse()) {
      if (entry == null) {
        LOG.atDebug()
            .addKeyValue("server", label)
            .addKeyValue("actionId", id)
            .log("ami response for no waiting action, ignored");
        return;
      }
      if ("Error".equalsIgnoreCase(message.response())) {
        pending.remove(id);
        entry.promise.tryFail(new AmiErrorException(entry.action, id, message.message()));
      } else if (entry.list && "start".equalsIgnoreCase(message.get("EventList"))) {
        entry.listResponse = message; // the items and the Complete event follow
      } else {
        pending.remove(id);
        entry.promise.tryComplete(new AmiListResult(message, List.of(), null));
      }
      return;
    }
    if (entry != null && entry.list && entry.listResponse != null) {
      if ("Complete".equalsIgnoreCase(message.get("EventList"))) {
        pending.remove(id);
        entry.promise.tryComplete(new AmiListResult(entry.listResponse, entry.items, message));
      } else {
        entry.items.add(message);
      }
      return;
    }
    try {
      events.handle(message);
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("server", label)
          .addKeyValue("event", message.event())
          .setCause(e)
          .log("ami event handler failed");
    }
  }

  private void ended(Throwable cause) {
    ended = true;
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      if (pending.remove(e.getKey(), e.getValue())) {
        e.getValue().promise.tryFail(notConnected(e.getValue().action));
      }
    }
    if (cause == null) {
      closed.tryComplete();
    } else {
      closed.tryFail(cause);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public String toString() {
    return "AmiConnection[" + label + (isOpen() ? ", open" : ", closed") + "]";
  }
}
