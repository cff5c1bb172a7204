package io.civicline.testkit.asterisk;

import io.civicline.testkit.asterisk.ReplayResult.Failure;
import io.civicline.testkit.asterisk.ReplayResult.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Plays Asterisk's side of a transcript on a connected socket (shared by both peers).
 *
 * <p>Walks the chunks in order. An {@code app->asterisk} data chunk only raises the number of app
 * bytes due; before each {@code asterisk->app} chunk (data or EOF) the peer reads until the app has
 * sent every byte that precedes it in the transcript, comparing each byte as it arrives against the
 * app's whole recorded stream (so app chunking never matters); an app EOF chunk makes the peer wait
 * for the app's EOF. Reading stops at the first difference.
 */
final class Replayer {
  private static final int CONTEXT_BEFORE = 30;
  private static final int CONTEXT_AFTER = 50;

  private final Socket socket;
  private final Transcript transcript;
  private final ReplayOptions options;
  private final byte[] expected;
  private final byte[] asterisk;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final byte[] buf = new byte[8192];

  private InputStream in;
  private OutputStream out;
  private int appPos;
  private long lfSeen;
  private boolean appEof;
  private boolean appReset;
  private int sent;
  private boolean outputDead;
  private volatile boolean dropped;
  private Failure failure;

  Replayer(Socket socket, Transcript transcript, ReplayOptions options) {
    this.socket = socket;
    this.transcript = transcript;
    this.options = options;
    this.expected = transcript.appBytes();
    this.asterisk = transcript.asteriskBytes();
  }

  /** Closes the connection now (FIN, then close); the replay ends as {@link Kind#DROPPED}. */
  void drop() {
    dropped = true;
    try {
      socket.shutdownOutput();
    } catch (IOException ignored) {
      // already closed or reset
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  ReplayResult run() {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis());
      in = socket.getInputStream();
      out = socket.getOutputStream();
      int needApp = 0;
      Long previousT = null;
      for (Transcript.Chunk c : transcript.chunks()) {
        if (c.direction() == Direction.APP_TO_ASTERISK) {
          if (!c.eof()) {
            needApp += c.length();
          } else if (!awaitApp(needApp) || !awaitAppEof()) {
            break;
          }
        } else {
          if (!awaitApp(needApp)) {
            break;
          }
          pace(previousT == null ? 0 : c.tMs() - previousT);
          if (c.eof()) {
            checkDropBeforeEof();
            if (failure != null || !shutdownOutput()) {
              break;
            }
          } else if (!send(c.raw())) {
            break;
          }
        }
        previousT = c.tMs();
      }
      if (failure == null) {
        awaitApp(needApp);
      }
    } catch (IOException e) {
      if (failure == null) {
        failure =
            dropped ? dropFailure() : new Failure(Kind.IO_ERROR, sent, "I/O error: " + e, "", "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (failure == null) {
        failure = new Failure(Kind.IO_ERROR, sent, "interrupted", "", "");
      }
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
    if (failure == null && dropped) {
      failure = dropFailure();
    }
    byte[] unread =
        options.isLenient() || failure == null
            ? new byte[0]
            : Arrays.copyOfRange(expected, Math.min(appPos, expected.length), expected.length);
    byte[] unsent = Arrays.copyOfRange(asterisk, Math.min(sent, asterisk.length), asterisk.length);
    return new ReplayResult(
        transcript.name(),
        options.isLenient(),
        failure,
        received.toByteArray(),
        appEof,
        unread,
        unsent);
  }

  private Failure dropFailure() {
    return new Failure(
        Kind.DROPPED,
        sent,
        "the peer dropped the connection after Asterisk's byte " + sent,
        "",
        "");
  }

  private int timeoutMillis() {
    long ms = options.readTimeout().toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  private void pace(long gapMs) throws InterruptedException {
    long wait = options.pauseMillis(gapMs);
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private void checkDropBeforeEof() {
    long drop = options.dropAfterAsteriskBytes();
    if (drop >= 0 && sent >= drop) {
      drop();
      failure = dropFailure();
    }
  }

  private boolean shutdownOutput() {
    if (outputDead) {
      return true;
    }
    try {
      socket.shutdownOutput();
      return true;
    } catch (IOException e) {
      return writeFailed(e);
    }
  }

  /**
   * A write failed. If the app has sent everything and closed the socket entirely (instead of
   * half-closing), the rest of Asterisk's bytes just cannot be delivered: they stay in {@code
   * unsent}, the replay goes on checking the app side. Otherwise it is a failure.
   */
  private boolean writeFailed(IOException e) {
    if (dropped) {
      failure = dropFailure();
      return false;
    }
    if (!appEof) {
      try {
        socket.setSoTimeout(100);
        readSome(options.isLenient());
        socket.setSoTimeout(timeoutMillis());
      } catch (IOException ignored) {
        // the probe is best effort
      }
    }
    if (failure == null
        && appEof
        && (options.isLenient() || appPos >= expected.length)
        && transcript.closes(Direction.APP_TO_ASTERISK)) {
      outputDead = true;
      return true;
    }
    if (failure == null) {
      failure =
          new Failure(
              Kind.WRITE_FAILED,
              sent,
              "writing Asterisk's bytes at offset " + sent + " failed: " + e.getMessage(),
              "",
              "");
    }
    return false;
  }

  private boolean send(byte[] bytes) {
    if (outputDead) {
      return true;
    }
    long drop = options.dropAfterAsteriskBytes();
    int len = bytes.length;
    boolean dropNow = drop >= 0 && sent + len >= drop;
    if (dropNow) {
      len = (int) Math.max(0, drop - sent);
    }
    try {
      if (len > 0) {
        out.write(bytes, 0, len);
        out.flush();
        sent += len;
      }
    } catch (IOException e) {
      return writeFailed(e);
    }
    if (dropNow) {
      drop();
      failure = dropFailure();
      return false;
    }
    return true;
  }

  /**
   * Reads until the app has sent {@code need} bytes (strict) or the matching LF count (lenient).
   */
  private boolean awaitApp(int need) throws IOException {
    if (options.isLenient()) {
      long lfNeed = countLf(expected, Math.min(need, expected.length));
      while (lfSeen < lfNeed && !appEof) {
        if (!readSome(true)) {
          return true; // lenient: a silent app does not stop the replay
        }
      }
      return true;
    }
    while (appPos < need) {
      if (appEof) {
        failure =
            new Failure(
                Kind.APP_CLOSED_EARLY,
                appPos,
                (appReset ? "the app reset the connection" : "the app closed (EOF)")
                    + " after "
                    + appPos
                    + " of its "
                    + expected.length
                    + " bytes ("
                    + Readable.position(expected, appPos)
                    + ")",
                excerpt(expected, appPos, false),
                excerpt(received.toByteArray(), appPos, true));
        return false;
      }
      if (!readSome(false)) {
        failure =
            new Failure(
                Kind.TIMEOUT,
                appPos,
                "no bytes from the app for "
                    + options.readTimeout().toMillis()
                    + " ms while waiting for its byte "
                    + appPos
                    + " ("
                    + Readable.position(expected, appPos)
                    + ")",
                excerpt(expected, appPos, false),
                excerpt(received.toByteArray(), appPos, false));
        return false;
      }
      if (failure != null) {
        return false;
      }
    }
    return true;
  }

  private boolean awaitAppEof() throws IOException {
    while (!appEof) {
      if (!readSome(options.isLenient())) {
        if (options.isLenient()) {
          return true;
        }
        failure =
            new Failure(
                Kind.TIMEOUT,
                appPos,
                "the app did not close its side (EOF) within "
                    + options.readTimeout().toMillis()
                    + " ms after its byte "
                    + appPos
                    + "; the transcript has it close there",
                excerpt(expected, appPos, true),
                excerpt(received.toByteArray(), appPos, false));
        return false;
      }
      if (failure != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads once and checks the bytes (strict). Returns false on a read timeout; sets {@link #appEof}
   * on EOF or reset and {@link #failure} on a difference.
   */
  private boolean readSome(boolean lenient) throws IOException {
    int n;
    try {
      n = in.read(buf);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      if (dropped) {
        throw e;
      }
      appEof = true;
      appReset = true;
      return true;
    }
    if (n < 0) {
      appEof = true;
      return true;
    }
    received.write(buf, 0, n);
    if (lenient) {
      lfSeen += countLf(buf, n);
      appPos += n;
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (appPos >= expected.length) {
        collectMore();
        failure =
            new Failure(
                Kind.UNEXPECTED_BYTES,
                appPos,
                "the app sent bytes after the end of its " + expected.length + " transcript bytes",
                excerpt(expected, appPos, true),
                excerpt(received.toByteArray(), appPos, false));
        return true;
      }
      if (buf[i] != expected[appPos]) {
        collectMore();
        failure =
            new Failure(
                Kind.MISMATCH,
                appPos,
                "the app's bytes differ from the transcript at offset "
                    + appPos
                    + " ("
                    + Readable.position(expected, appPos)
                    + ")",
                excerpt(expected, appPos, false),
                excerpt(received.toByteArray(), appPos, false));
        return true;
      }
      appPos++;
    }
    return true;
  }

  /** After a difference: reads what else arrives within 100 ms, so the excerpt shows more. */
  private void collectMore() {
    try {
      socket.setSoTimeout(100);
      int budget = CONTEXT_AFTER * 2;
      while (budget > 0) {
        int n = in.read(buf, 0, Math.min(buf.length, budget));
        if (n < 0) {
          appEof = true;
          break;
        }
        received.write(buf, 0, n);
        budget -= n;
      }
    } catch (IOException ignored) {
      // timeout or reset: the excerpt shows what arrived
    }
  }

  /**
   * A readable excerpt around {@code offset}: up to 30 bytes before and 50 after, with {@code
   * <EOF>} where the stream ends ({@code eofAtEnd}).
   */
  private static String excerpt(byte[] bytes, int offset, boolean eofAtEnd) {
    int from = Math.max(0, offset - CONTEXT_BEFORE);
    int to = Math.min(bytes.length, offset + CONTEXT_AFTER);
    StringBuilder s = new StringBuilder();
    s.append(from > 0 ? "...\"" : "\"").append(Readable.escape(bytes, from, to)).append('"');
    if (to < bytes.length) {
      s.append("...");
    } else if (eofAtEnd) {
      s.append("<EOF>");
    }
    return s.toString();
  }

  private static long countLf(byte[] bytes, int len) {
    long count = 0;
    for (int i = 0; i < len; i++) {
      if (bytes[i] == '\n') {
        count++;
      }
    }
    return count;
  }
}
