package io.civicline.signaling.asterisk.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for the {@code OriginateResponse} event of each asynchronous originate, matched by the
 * originate's ActionID. Registered before the action is written, so an event that overtakes the
 * action's own response is not missed. Gives up after a timeout (the event can be filtered away, or
 * the login may have no {@code call} read permission).
 */
final class OriginateTracker {
  private record Waiting(Promise<OriginateResult> promise, long timer) {}

  private final Vertx vertx;
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

  OriginateTracker(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<OriginateResult> expect(String actionId, Duration timeout) {
    Promise<OriginateResult> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id ->
                fail(
                    actionId,
                    new TimeoutException(
                        "no OriginateResponse for ActionID " + actionId + " within " + timeout)));
    waiting.put(actionId, new Waiting(promise, timer));
    return promise.future();
  }

  /** Completes the originate the event belongs to; other events are ignored. */
  void onEvent(AmiMessage event) {
    if (!event.isEvent("OriginateResponse") || event.actionId() == null) {
      return;
    }
    Waiting w = waiting.remove(event.actionId());
    if (w != null) {
      vertx.cancelTimer(w.timer());
      w.promise().tryComplete(OriginateResult.from(event));
    }
  }

  void fail(String actionId, Throwable cause) {
    Waiting w = waiting.remove(actionId);
    if (w != null) {
      vertx.cancelTimer(w.timer());
      w.promise().tryFail(cause);
    }
  }

  /** The connection is gone: the outcome of every originate in flight is unknown. */
  void failAll(Supplier<Throwable> cause) {
    for (String actionId : waiting.keySet()) {
      fail(actionId, cause.get());
    }
  }
}
