package io.civicline.signaling.asterisk.ami;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager connection to one Asterisk server, kept up for the life of the client: connect, log
 * in, and after any loss (Asterisk restart, network, garbage on the socket, refused login) connect
 * again after a {@link BackoffPolicy} delay. Only one connection exists at a time, and the next is
 * opened only after the previous one's reader has stopped, so every event is delivered once.
 *
 * <p>All state changes, listener calls and future completions happen on one Vert.x context (the
 * caller's, or a new event-loop context); the blocking socket work runs on virtual threads. Actions
 * sent while no connection is logged in fail at once with {@link AmiDisconnectedException}: callers
 * decide whether a retry makes sense (an originate should not be repeated blindly).
 *
 * <p>The secret is used for login only; it never appears in a log line or exception.
 */
public final class AmiClient {
  private static final Logger LOG = LoggerFactory.getLogger(AmiClient.class);

  /** Actions that would break the client's own view of the session. */
  private static final Set<String> RESERVED = Set.of("login", "logoff", "challenge");

  private enum State {
    NEW,
    CONNECTING,
    CONNECTED,
    WAITING,
    CLOSED
  }

  private final Vertx vertx;
  private final Context context;
  private final AmiServer server;
  private final AmiClientOptions options;
  private final OriginateTracker originates;
  private final List<Handler<AmiMessage>> eventListeners = new CopyOnWriteArrayList<>();
  private final List<CallEventListener> callListeners = new CopyOnWriteArrayList<>();
  private final List<AmiConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
  private final Promise<Void> stopped = Promise.promise();

  // Confined to the context.
  private State state = State.NEW;
  private boolean closing;
  private int failures;
  private long reconnectTimer = -1;
  private long pingTimer = -1;
  private long connectedAtNanos;

  /** The logged-in connection, null between connections; read from any thread. */
  private volatile AmiConnection current;

  public AmiClient(Vertx vertx, AmiServer server, AmiClientOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.server = Objects.requireNonNull(server, "server");
    this.options = Objects.requireNonNull(options, "options");
    this.context = vertx.getOrCreateContext();
    this.originates = new OriginateTracker(vertx);
  }

  public AmiServer server() {
    return server;
  }

  /** True while a connection is logged in. */
  public boolean isLoggedIn() {
    return current != null;
  }

  /**
   * Starts connecting in the background and returns at once: an Asterisk that is down at startup is
   * retried like a lost connection. Watch {@link #addConnectionListener} to know when it is up.
   */
  public Future<Void> start() {
    return onContext(
        () -> {
          if (state != State.NEW) {
            return Future.failedFuture(new IllegalStateException("AMI client already started"));
          }
          state = State.CONNECTING;
          connect();
          return Future.succeededFuture();
        });
  }

  /**
   * Stops reconnecting, logs off politely (waiting up to {@code logoffTimeout} for Asterisk to
   * close), and completes once the socket is closed and its reader stopped.
   */
  public Future<Void> close() {
    context.runOnContext(
        v -> {
          if (closing) {
            return;
          }
          closing = true;
          switch (state) {
            case NEW, WAITING, CLOSED -> {
              vertx.cancelTimer(reconnectTimer);
              finishStop();
            }
            case CONNECTING -> {} // the attempt in flight sees `closing` and finishes the stop
            case CONNECTED -> logoffAndClose(current).onComplete(done -> finishStop());
          }
        });
    return stopped.future();
  }

  /** Every event from Asterisk, raw (including the typed ones). */
  public void addEventListener(Handler<AmiMessage> listener) {
    eventListeners.add(Objects.requireNonNull(listener));
  }

  public void addCallEventListener(CallEventListener listener) {
    callListeners.add(Objects.requireNonNull(listener));
  }

  public void addConnectionListener(AmiConnectionListener listener) {
    connectionListeners.add(Objects.requireNonNull(listener));
  }

  /**
   * Sends an action on the logged-in connection; completes with its response, fails with {@link
   * AmiErrorException} on {@code Response: Error}. {@code Login}, {@code Logoff} and {@code
   * Challenge} are the client's own business and refused here.
   */
  public Future<AmiMessage> send(AmiAction action) {
    return withConnection(action, c -> c.send(action));
  }

  /** Sends a list action ({@code DeviceStateList}...) and collects its items. */
  public Future<AmiListResult> sendList(AmiAction action) {
    return withConnection(action, c -> c.sendList(action));
  }

  /**
   * Starts an asynchronous originate and completes with its {@code OriginateResponse} (answered,
   * busy, no answer...). Fails with {@link AmiErrorException} if Asterisk refuses the action, with
   * {@link AmiDisconnectedException} if the connection is lost first (the call may exist), and with
   * a {@link java.util.concurrent.TimeoutException} if no outcome arrives in time.
   */
  public Future<OriginateResult> originate(Originate request) {
    return originate(request.toAction(), request.timeout());
  }

  /**
   * Originate from a hand-built action (e.g. {@code Application}/{@code Data}), which must carry
   * {@code Async: true}. Package-private: replays of captures with another header order use it.
   */
  Future<OriginateResult> originateAction(AmiAction action) {
    if (!"true".equalsIgnoreCase(action.get("Async"))) {
      throw new IllegalArgumentException("only Async originates send an OriginateResponse");
    }
    long timeoutMillis = AmiNumbers.parseInt(action.get("Timeout"), 30_000);
    return originate(action, Duration.ofMillis(timeoutMillis));
  }

  private Future<OriginateResult> originate(AmiAction action, Duration ringTimeout) {
    return withConnection(
        action,
        c -> {
          String actionId = c.nextActionId(action);
          Future<OriginateResult> outcome =
              originates.expect(actionId, ringTimeout.plus(options.originateTimeoutMargin()));
          c.send(actionId, action).onFailure(e -> originates.fail(actionId, e));
          return outcome;
        });
  }

  /**
   * Sets a message-waiting lamp: {@code MWIUpdate} of res_mwi_external_ami (Asterisk without that
   * module answers {@code Invalid/unknown command}, an {@link AmiErrorException}).
   */
  public Future<Void> updateMailbox(String mailbox, int newMessages, int oldMessages) {
    if (mailbox == null || mailbox.isEmpty() || newMessages < 0 || oldMessages < 0) {
      throw new IllegalArgumentException("mailbox and non-negative counts required");
    }
    return send(AmiAction.of("MWIUpdate")
            .with("Mailbox", mailbox)
            .with("NewMessages", String.valueOf(newMessages))
            .with("OldMessages", String.valueOf(oldMessages)))
        .mapEmpty();
  }

  private <T> Future<T> withConnection(
      AmiAction action, java.util.function.Function<AmiConnection, Future<T>> use) {
    if (RESERVED.contains(action.name().toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(action.name() + " is managed by the client itself");
    }
    AmiConnection c = current;
    if (c == null) {
      return Future.failedFuture(
          new AmiDisconnectedException("not logged in to AMI server " + server.name()));
    }
    return use.apply(c);
  }

  // ---- connection life cycle (all on the context) ----

  private void connect() {
    AmiConnection.open(
            server.name(),
            server.host(),
            server.port(),
            options.wire(),
            context,
            options.actionIds(),
            this::onEvent)
        .compose(
            connection ->
                loginWithTimeout(connection)
                    .map(connection)
                    .recover(
                        failure ->
                            // The reader must be stopped before the next attempt starts.
                            connection
                                .close()
                                .transform(closed -> Future.<AmiConnection>failedFuture(failure))))
        .onComplete(
            attempt -> {
              if (attempt.succeeded()) {
                onLoggedIn(attempt.result());
              } else {
                onAttemptFailed(attempt.cause());
              }
            });
  }

  private Future<Void> loginWithTimeout(AmiConnection connection) {
    long timer =
        vertx.setTimer(
            options.loginTimeout().toMillis(),
            id -> {
              LOG.atWarn()
                  .addKeyValue("server", server.name())
                  .addKeyValue("timeoutMillis", options.loginTimeout().toMillis())
                  .log("ami login timed out, closing connection");
              connection.close();
            });
    return AmiLogin.login(
            connection,
            server.username(),
            server.secret(),
            options.loginMethod(),
            options.eventMask())
        .onComplete(done -> vertx.cancelTimer(timer));
  }

  private void onLoggedIn(AmiConnection connection) {
    if (closing) {
      logoffAndClose(connection).onComplete(done -> finishStop());
      return;
    }
    state = State.CONNECTED;
    current = connection;
    connectedAtNanos = System.nanoTime();
    LOG.atInfo()
        .addKeyValue("server", server.name())
        .addKeyValue("host", server.host())
        .addKeyValue("port", server.port())
        .addKeyValue("amiVersion", connection.bannerVersion())
        .log("ami logged in");
    for (AmiConnectionListener listener : connectionListeners) {
      try {
        listener.loggedIn(this);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("server", server.name()).setCause(e).log("ami listener failed");
      }
    }
    // Registered after loggedIn(): listeners always hear "in" before the matching "out".
    connection.closed().onComplete(ended -> onConnectionEnded(connection, ended.cause()));
    startPinging(connection);
  }

  private void onConnectionEnded(AmiConnection connection, Throwable cause) {
    if (current == connection) {
      current = null;
    }
    vertx.cancelTimer(pingTimer);
    originates.failAll(
        () ->
            new AmiDisconnectedException(
                "AMI connection to " + server.name() + " lost; originate outcome unknown"));
    if (closing) {
      return; // close() is finishing the stop
    }
    boolean stable = System.nanoTime() - connectedAtNanos >= options.stableAfter().toNanos();
    // A server that accepts the login and then drops us at once must not be hammered.
    failures = stable ? 1 : failures + 1;
    logLoss("ami connection lost", cause);
    notifyDisconnected(cause);
    scheduleReconnect();
  }

  private void onAttemptFailed(Throwable cause) {
    if (closing) {
      finishStop();
      return;
    }
    failures++;
    logLoss("ami connect attempt failed", cause);
    notifyDisconnected(cause);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    state = State.WAITING;
    Duration delay = options.backoff().delay(failures);
    LOG.atInfo()
        .addKeyValue("server", server.name())
        .addKeyValue("failures", failures)
        .addKeyValue("delayMillis", delay.toMillis())
        .log("ami reconnect scheduled");
    reconnectTimer =
        vertx.setTimer(
            Math.max(1, delay.toMillis()),
            id -> {
              reconnectTimer = -1;
              if (!closing) {
                state = State.CONNECTING;
                connect();
              }
            });
  }

  /**
   * One {@code Ping} at a time, {@code pingInterval} after the previous answer; no answer within
   * {@code pingInterval} means the peer is gone (half-open TCP), so the connection is closed.
   */
  private void startPinging(AmiConnection connection) {
    long interval = options.pingInterval().toMillis();
    if (interval <= 0 || current != connection) {
      return;
    }
    pingTimer =
        vertx.setTimer(
            interval,
            id -> {
              long deadline =
                  vertx.setTimer(
                      interval,
                      t -> {
                        LOG.atWarn()
                            .addKeyValue("server", server.name())
                            .addKeyValue("timeoutMillis", interval)
                            .log("ami ping unanswered, closing connection");
                        connection.close();
                      });
              connection
                  .send(AmiAction.of("Ping"))
                  .onComplete(
                      answered -> {
                        vertx.cancelTimer(deadline);
                        if (answered.succeeded()) {
                          startPinging(connection);
                        }
                      });
            });
  }

  private Future<Void> logoffAndClose(AmiConnection connection) {
    // After Goodbye, Asterisk closes the socket itself; wait for that, but not forever.
    long timer = vertx.setTimer(options.logoffTimeout().toMillis(), id -> connection.close());
    connection.send(AmiAction.of("Logoff")).onFailure(e -> connection.close());
    return connection
        .closed()
        .transform(
            ended -> {
              vertx.cancelTimer(timer);
              return connection.close();
            })
        .recover(ignored -> Future.succeededFuture());
  }

  private void finishStop() {
    state = State.CLOSED;
    current = null;
    vertx.cancelTimer(pingTimer);
    originates.failAll(
        () -> new AmiDisconnectedException("AMI client " + server.name() + " closed"));
    LOG.atInfo().addKeyValue("server", server.name()).log("ami client stopped");
    stopped.tryComplete();
  }

  private void onEvent(AmiMessage event) {
    originates.onEvent(event);
    if (event.isEvent("Shutdown")) {
      LOG.atInfo()
          .addKeyValue("server", server.name())
          .addKeyValue("shutdown", event.get("Shutdown"))
          .addKeyValue("restart", event.get("Restart"))
          .log("asterisk is shutting down");
    }
    for (Handler<AmiMessage> listener : eventListeners) {
      deliver(() -> listener.handle(event), event);
    }
    if (event.isEvent("Hangup") && !callListeners.isEmpty()) {
      HangupEvent hangup = HangupEvent.from(server.name(), event);
      callListeners.forEach(l -> deliver(() -> l.onHangup(hangup), event));
    } else if (event.isEvent("BridgeEnter") && !callListeners.isEmpty()) {
      BridgeEnterEvent enter = BridgeEnterEvent.from(server.name(), event);
      callListeners.forEach(l -> deliver(() -> l.onBridgeEnter(enter), event));
    }
  }

  private void deliver(Runnable call, AmiMessage event) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("server", server.name())
          .addKeyValue("event", event.event())
          .setCause(e)
          .log("ami event listener failed");
    }
  }

  private void notifyDisconnected(Throwable cause) {
    for (AmiConnectionListener listener : connectionListeners) {
      try {
        listener.disconnected(this, cause);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("server", server.name()).setCause(e).log("ami listener failed");
      }
    }
  }

  private void logLoss(String what, Throwable cause) {
    String reason = cause == null ? "closed by Asterisk" : cause.toString();
    if (cause instanceof AmiLoginException) {
      LOG.atError()
          .addKeyValue("server", server.name())
          .addKeyValue("username", server.username())
          .addKeyValue("reason", reason)
          .log(what + ": login refused, check the manager user and secret");
    } else if (cause instanceof AmiProtocolException) {
      LOG.atWarn()
          .addKeyValue("server", server.name())
          .addKeyValue("reason", reason)
          .log(what + ": garbage from the peer, connection dropped");
    } else {
      LOG.atWarn().addKeyValue("server", server.name()).addKeyValue("reason", reason).log(what);
    }
  }

  Vertx vertx() {
    return vertx;
  }

  /** Runs {@code work} on the client's context (where events and callbacks run). */
  <T> Future<T> onContext(java.util.function.Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public String toString() {
    return "AmiClient[" + server.name() + " " + server.host() + ":" + server.port() + "]";
  }
}
