package io.civicline.signaling.asterisk.ami;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the {@code ActionID} of each action. Injectable so that replays of recorded transcripts can
 * reproduce the recorded IDs ({@code login-1}, {@code logoff-1}, ...) byte for byte.
 */
@FunctionalInterface
public interface ActionIdGenerator {
  /** The ID for the next action named {@code action} (e.g. {@code Login}). Must be unique. */
  String next(String action);

  /**
   * {@code cl-<8 hex>-<n>}: a random prefix per generator, so IDs from two CivicLine nodes (or two
   * runs) sharing a manager user can never be confused, and a counter.
   */
  static ActionIdGenerator sequential() {
    String prefix = "cl-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    AtomicLong counter = new AtomicLong();
    return action -> prefix + counter.incrementAndGet();
  }
}
