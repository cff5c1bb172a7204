package io.civicline.testkit.asterisk;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The outcome of one replayed connection.
 *
 * <p>{@link #matched()} means: the peer got to the end of the transcript, every byte the
 * application sent was the transcript's next {@code app->asterisk} byte (strict mode), the
 * application sent all of them, half-closed where the transcript has it close, and every Asterisk
 * byte was delivered - except that an application that sent everything and then closed the socket
 * entirely (instead of half-closing like the recorded one) is not failed when Asterisk's last bytes
 * (the final FastAGI {@code HANGUP\n}) can no longer be written: they show up in {@link #unsent()}.
 * Otherwise {@link #failure()} says what went wrong first; {@link #unread()} and {@link #unsent()}
 * say what was left over. {@link #describe()} renders all of it readably ({@code \n}, {@code \r},
 * {@code \xNN} shown as such).
 */
public final class ReplayResult {
  /** What went wrong first. */
  public enum Kind {
    /** The application sent a byte that differs from the transcript. */
    MISMATCH,
    /** The application sent bytes where the transcript has none (past its end, or after EOF). */
    UNEXPECTED_BYTES,
    /** The application closed (EOF) before it sent everything the transcript has it send. */
    APP_CLOSED_EARLY,
    /** The application did not send its next bytes or its EOF within the read timeout. */
    TIMEOUT,
    /** Writing Asterisk's bytes failed (the application reset / closed the connection). */
    WRITE_FAILED,
    /** The peer dropped the connection on purpose ({@code dropConnection()} or the option). */
    DROPPED,
    /** Any other I/O problem. */
    IO_ERROR
  }

  /**
   * The first problem.
   *
   * @param kind what kind
   * @param offset offset in the application's byte stream (MISMATCH, UNEXPECTED_BYTES,
   *     APP_CLOSED_EARLY, TIMEOUT) or in Asterisk's stream (WRITE_FAILED, DROPPED)
   * @param message one readable sentence
   * @param expected readable excerpt of the transcript around {@code offset} (may be empty)
   * @param actual readable excerpt of what the application sent around {@code offset} (may be
   *     empty)
   */
  public record Failure(Kind kind, long offset, String message, String expected, String actual) {}

  private final String transcript;
  private final boolean lenient;
  private final Failure failure;
  private final byte[] received;
  private final boolean appClosed;
  private final byte[] unread;
  private final byte[] unsent;

  ReplayResult(
      String transcript,
      boolean lenient,
      Failure failure,
      byte[] received,
      boolean appClosed,
      byte[] unread,
      byte[] unsent) {
    this.transcript = transcript;
    this.lenient = lenient;
    this.failure = failure;
    this.received = received.clone();
    this.appClosed = appClosed;
    this.unread = unread.clone();
    this.unsent = unsent.clone();
  }

  /** The transcript's name. */
  public String transcript() {
    return transcript;
  }

  /** True if the replay ran to the transcript's end without any {@link #failure()}. */
  public boolean matched() {
    return failure == null;
  }

  public Optional<Failure> failure() {
    return Optional.ofNullable(failure);
  }

  /** Whether lenient comparison was used. */
  public boolean lenient() {
    return lenient;
  }

  /** Everything the peer read from the application, in order. */
  public byte[] received() {
    return received.clone();
  }

  /** {@link #received()} as UTF-8 text. */
  public String receivedText() {
    return new String(received, StandardCharsets.UTF_8);
  }

  /** True if the application closed its side (EOF or reset seen by the peer). */
  public boolean appClosed() {
    return appClosed;
  }

  /**
   * The transcript's application bytes the peer never got (strict mode: from the first byte not
   * received or not matching). Empty when matched.
   */
  public byte[] unread() {
    return unread.clone();
  }

  /** Asterisk's bytes the peer did not deliver (because the replay stopped early). */
  public byte[] unsent() {
    return unsent.clone();
  }

  /** A readable multi-line report. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(transcript)
        .append(lenient ? " (lenient)" : "")
        .append(": ")
        .append(failure == null ? "matched" : failure.kind() + " - " + failure.message());
    if (failure != null) {
      if (!failure.expected().isEmpty() || !failure.actual().isEmpty()) {
        out.append("\n  expected: ").append(failure.expected());
        out.append("\n  actual:   ").append(failure.actual());
        int caret = firstDifference(failure.expected(), failure.actual());
        if (caret >= 0) {
          out.append("\n            ").append(" ".repeat(caret)).append("^ first difference");
        }
      }
      if (unread.length > 0) {
        out.append("\n  unread (app bytes never received): ")
            .append(excerpt(unread))
            .append(" (")
            .append(unread.length)
            .append(" bytes)");
      }
      if (unsent.length > 0) {
        out.append("\n  unsent (Asterisk bytes not delivered): ")
            .append(excerpt(unsent))
            .append(" (")
            .append(unsent.length)
            .append(" bytes)");
      }
    }
    out.append("\n  received ")
        .append(received.length)
        .append(" bytes from the app")
        .append(appClosed ? ", then EOF" : "");
    return out.toString();
  }

  /** Throws an {@link AssertionError} with {@link #describe()} unless {@link #matched()}. */
  public ReplayResult assertMatched() {
    if (!matched()) {
      throw new AssertionError(describe());
    }
    return this;
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return a.length() == b.length() ? -1 : n;
  }

  private static String excerpt(byte[] bytes) {
    int max = 160;
    return "\""
        + Readable.escape(bytes, 0, Math.min(max, bytes.length))
        + (bytes.length > max ? "\"..." : "\"");
  }

  @Override
  public String toString() {
    return describe();
  }
}
