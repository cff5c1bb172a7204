package io.civicline.testkit.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * How a peer ({@link FastAgiPeer}, {@link AmiPeer}) replays a transcript. Immutable; the {@code
 * with}-style methods return copies.
 *
 * <ul>
 *   <li><b>strict</b> (default): the application's bytes must equal the transcript's {@code
 *       app->asterisk} stream byte for byte, and it must half-close where the transcript has it
 *       close.
 *   <li><b>lenient</b>: any application bytes are accepted (recorded in {@link
 *       ReplayResult#received()}); the peer paces on line count instead: before each Asterisk chunk
 *       it waits until the app sent as many LF bytes as the transcript's app had sent by then (or
 *       closed, or {@link #readTimeout()} passed without a byte - then it goes on anyway).
 * </ul>
 *
 * <p>Pacing: with {@link #timeScale()} 0 (default) Asterisk's chunks go out as soon as the app
 * bytes that precede them in the transcript have arrived; with a scale &gt; 0 the peer also sleeps
 * {@code (t_ms - previous chunk's t_ms) * scale}, at most {@link #maxGap()}, before each chunk.
 */
public final class ReplayOptions {
  private static final ReplayOptions DEFAULTS =
      new ReplayOptions(false, 0, Duration.ofSeconds(2), Duration.ofSeconds(5), -1);

  private final boolean lenient;
  private final double timeScale;
  private final Duration maxGap;
  private final Duration readTimeout;
  private final long dropAfterAsteriskBytes;

  private ReplayOptions(
      boolean lenient,
      double timeScale,
      Duration maxGap,
      Duration readTimeout,
      long dropAfterAsteriskBytes) {
    if (timeScale < 0 || Double.isNaN(timeScale)) {
      throw new IllegalArgumentException("timeScale must be >= 0");
    }
    this.lenient = lenient;
    this.timeScale = timeScale;
    this.maxGap = Objects.requireNonNull(maxGap);
    this.readTimeout = Objects.requireNonNull(readTimeout);
    this.dropAfterAsteriskBytes = dropAfterAsteriskBytes;
  }

  /** Strict byte-for-byte comparison, no waiting, 5 s read timeout. */
  public static ReplayOptions strict() {
    return DEFAULTS;
  }

  /** Accepts any application bytes; paces on line count. */
  public static ReplayOptions lenient() {
    return DEFAULTS.lenient(true);
  }

  public ReplayOptions lenient(boolean value) {
    return new ReplayOptions(value, timeScale, maxGap, readTimeout, dropAfterAsteriskBytes);
  }

  /**
   * Honour the recorded gaps: 0 = never wait (default), 1.0 = real time, 0.1 = ten times faster.
   * Each gap is capped at {@link #maxGap()}.
   */
  public ReplayOptions timeScale(double scale) {
    return new ReplayOptions(lenient, scale, maxGap, readTimeout, dropAfterAsteriskBytes);
  }

  /** The longest single wait when {@link #timeScale()} &gt; 0 (default 2 s). */
  public ReplayOptions maxGap(Duration value) {
    return new ReplayOptions(lenient, timeScale, value, readTimeout, dropAfterAsteriskBytes);
  }

  /**
   * How long the peer waits for the next application byte (or EOF) before it gives up (strict:
   * {@link ReplayResult.Kind#TIMEOUT}; lenient: goes on). Default 5 s.
   */
  public ReplayOptions readTimeout(Duration value) {
    return new ReplayOptions(lenient, timeScale, maxGap, value, dropAfterAsteriskBytes);
  }

  /**
   * Simulates a lost connection: after Asterisk sent exactly {@code bytes} bytes of its stream (a
   * chunk is split if needed) the peer resets the connection (RST) and the result is {@link
   * ReplayResult.Kind#DROPPED}. See {@link Transcript#offsetAfter}. Negative = never (default).
   */
  public ReplayOptions dropAfterAsteriskBytes(long bytes) {
    return new ReplayOptions(lenient, timeScale, maxGap, readTimeout, bytes);
  }

  public boolean isLenient() {
    return lenient;
  }

  public double timeScale() {
    return timeScale;
  }

  public Duration maxGap() {
    return maxGap;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public long dropAfterAsteriskBytes() {
    return dropAfterAsteriskBytes;
  }

  @Override
  public String toString() {
    return (lenient ? "lenient" : "strict")
        + ", timeScale "
        + timeScale
        + ", maxGap "
        + maxGap
        + ", readTimeout "
        + readTimeout
        + (dropAfterAsteriskBytes >= 0 ? ", drop after " + dropAfterAsteriskBytes : "");
  }

  /**
   * How long the peer pauses for a recorded gap of {@code gapMs}: scaled, capped, never negative.
   */
  public long pauseMillis(long gapMs) {
    if (timeScale <= 0 || gapMs <= 0) {
      return 0;
    }
    return Math.min(maxGap.toMillis(), Math.round(gapMs * timeScale));
  }
}
