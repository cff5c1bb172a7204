package io.civicline.bench.report;

import java.util.Arrays;

/**
 * Latencies of many senders (calls, sockets). Each collects its own samples without locking and
 * hands them over once, when it ends.
 */
public final class Latencies {
  private long[] nanos = new long[1024];
  private int count;

  /** One call's samples. Not thread-safe: one per call. */
  public static final class Samples {
    private long[] nanos = new long[16];
    private int count;

    public void add(long elapsedNanos) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = elapsedNanos;
    }

    public int count() {
      return count;
    }
  }

  public synchronized void add(long elapsedNanos) {
    Samples one = new Samples();
    one.add(elapsedNanos);
    addAll(one);
  }

  public synchronized void addAll(Samples samples) {
    if (count + samples.count > nanos.length) {
      nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, count + samples.count));
    }
    System.arraycopy(samples.nanos, 0, nanos, count, samples.count);
    count += samples.count;
  }

  /** Percentiles by nearest rank, in microseconds. */
  public record Summary(int count, double p50, double p90, double p99, double max) {
    static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  public synchronized Summary summary() {
    if (count == 0) {
      return Summary.EMPTY;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(
        count,
        micros(rank(sorted, 0.50)),
        micros(rank(sorted, 0.90)),
        micros(rank(sorted, 0.99)),
        micros(sorted[count - 1]));
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }
}
