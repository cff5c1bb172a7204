package io.civicline.testkit.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What both stand-ins keep: pushes accepted, tokens told to be gone, failures to inject. */
final class PushInbox {
  private final List<ReceivedPush> received = new CopyOnWriteArrayList<>();
  private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger failureStatus = new AtomicInteger(503);
  private final AtomicInteger requests = new AtomicInteger();
  private final Object arrivals = new Object();

  void accept(ReceivedPush push) {
    received.add(push);
    synchronized (arrivals) {
      arrivals.notifyAll();
    }
  }

  List<ReceivedPush> received() {
    return List.copyOf(received);
  }

  List<ReceivedPush> await(int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    synchronized (arrivals) {
      while (received.size() < count) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + count + " pushes, got " + received.size() + ": " + received);
        }
        try {
          arrivals.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    return received();
  }

  void unregister(String token) {
    unregistered.add(token);
  }

  boolean isUnregistered(String token) {
    return unregistered.contains(token);
  }

  void failNext(int count, int status) {
    failureStatus.set(status);
    failures.set(count);
  }

  /** The status to fail this request with, or 0 to serve it. */
  int takeFailure() {
    requests.incrementAndGet();
    return failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus.get() : 0;
  }

  int requests() {
    return requests.get();
  }
}
