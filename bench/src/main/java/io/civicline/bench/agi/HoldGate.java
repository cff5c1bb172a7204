package io.civicline.bench.agi;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every call inside its first GET DATA until all calls of the run are there (or have ended
 * without one, e.g. rejected), then for {@code hold} longer. That is the moment the server holds
 * the most calls at once; waiting for all arrivals instead of sleeping a guessed time makes the
 * count exact on slow machines too.
 */
final class HoldGate {
  private final AtomicInteger pending;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final Duration hold;
  private final Duration maxWait;
  private final Runnable whenAllArrived;
  private volatile long openedAtNanos;

  /**
   * @param maxWait how long a call waits for the others at most; a bug elsewhere must not hang the
   *     run
   * @param whenAllArrived runs once, on the last arriving thread, while every other call waits
   */
  HoldGate(int calls, Duration hold, Duration maxWait, Runnable whenAllArrived) {
    this.pending = new AtomicInteger(calls);
    this.hold = hold;
    this.maxWait = maxWait;
    this.whenAllArrived = whenAllArrived;
  }

  /** A call is inside its first GET DATA: blocks until the gate opens and the hold is over. */
  void arriveAndHold() throws InterruptedException {
    countDown();
    if (!opened.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    long remaining = openedAtNanos + hold.toNanos() - System.nanoTime();
    if (remaining > 0) {
      TimeUnit.NANOSECONDS.sleep(remaining);
    }
  }

  /** A call ended without ever arriving; the others stop waiting for it. */
  void leave() {
    countDown();
  }

  /** Whether every call arrived or left, i.e. the hold happened with all of them. */
  boolean opened() {
    return opened.getCount() == 0;
  }

  private void countDown() {
    if (pending.decrementAndGet() == 0) {
      whenAllArrived.run();
      openedAtNanos = System.nanoTime();
      opened.countDown(); // after openedAtNanos, so every waiter sees when the hold began
    }
  }
}
