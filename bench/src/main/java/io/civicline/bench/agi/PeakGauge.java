package io.civicline.bench.agi;

import java.util.concurrent.atomic.AtomicInteger;

/** A count that goes up and down, remembering the highest value it reached. */
final class PeakGauge {
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  void increment() {
    record(current.incrementAndGet());
  }

  void decrement() {
    current.decrementAndGet();
  }

  /** Records an observation of a count kept elsewhere (the server's active calls). */
  void record(int value) {
    peak.accumulateAndGet(value, Math::max);
  }

  int current() {
    return current.get();
  }

  int peak() {
    return peak.get();
  }
}
