package io.civicline.testkit.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * The application's side of a transcript, written independently of the peers' replay engine: it
 * sends the transcript's {@code app->asterisk} bytes (re-chunked as asked) and records everything
 * Asterisk (the peer) sends, so a test can check the peer's output byte for byte and its EOF order.
 */
final class ScriptedApp {
  enum Chunking {
    /** One write per recorded chunk, each after the Asterisk bytes that precede it arrived. */
    AS_RECORDED,
    /** Each recorded chunk written one byte at a time (flushed), same waiting as AS_RECORDED. */
    BYTE_BY_BYTE,
    /** All app bytes in one write up front, then EOF, then read everything. */
    ALL_AT_ONCE
  }

  /** What the app saw; {@code problem} is null if it saw exactly the transcript's Asterisk side. */
  record Outcome(byte[] received, boolean asteriskClosed, String problem) {}

  private static final long WAIT_MS = 10_000;

  private final Socket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private boolean eof;

  private ScriptedApp(Socket socket) {
    this.socket = socket;
  }

  static Outcome play(Socket socket, Transcript t, Chunking mode) throws Exception {
    return new ScriptedApp(socket).run(t, mode);
  }

  private Outcome run(Transcript t, Chunking mode) throws Exception {
    socket.setTcpNoDelay(true);
    Thread reader = new Thread(this::readAll, "scripted-app-reader");
    reader.setDaemon(true);
    reader.start();
    OutputStream out = socket.getOutputStream();
    String problem = null;
    try {
      if (mode == Chunking.ALL_AT_ONCE) {
        out.write(t.appBytes());
        out.flush();
        if (t.closes(Direction.APP_TO_ASTERISK)) {
          socket.shutdownOutput();
        }
      } else {
        int due = 0;
        boolean asteriskEofDue = false;
        for (Transcript.Chunk c : t.chunks()) {
          if (c.direction() == Direction.ASTERISK_TO_APP) {
            if (c.eof()) {
              asteriskEofDue = true;
            } else {
              due += c.bytes().length;
            }
            continue;
          }
          problem = awaitReceived(due);
          if (problem == null && count() != due) {
            problem = "the peer sent " + (count() - due) + " bytes ahead of the app's chunk " + c;
          }
          if (problem != null) {
            break;
          }
          if (c.eof()) {
            if (asteriskEofDue) {
              problem = awaitEof();
            } else {
              Thread.sleep(30);
              if (count() != due || isEof()) {
                problem = "the peer did not wait for the app's EOF before sending more";
              }
            }
            if (problem != null) {
              break;
            }
            socket.shutdownOutput();
          } else if (mode == Chunking.BYTE_BY_BYTE) {
            for (byte b : c.bytes()) {
              out.write(b);
              out.flush();
            }
          } else {
            out.write(c.bytes());
            out.flush();
          }
        }
      }
      if (problem == null) {
        problem = awaitEof();
      }
    } catch (IOException e) {
      problem = "I/O error: " + e;
    }
    reader.join(WAIT_MS);
    byte[] got;
    synchronized (this) {
      got = received.toByteArray();
    }
    if (problem == null && !Arrays.equals(got, t.asteriskBytes())) {
      problem =
          "received "
              + got.length
              + " bytes, expected the transcript's "
              + t.asteriskBytes().length
              + " Asterisk bytes";
    }
    boolean closed = isEof();
    socket.close();
    return new Outcome(got, closed, problem);
  }

  private void readAll() {
    byte[] buf = new byte[4096];
    try {
      InputStream in = socket.getInputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (this) {
          received.write(buf, 0, n);
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // reset or closed: counts as the end
    }
    synchronized (this) {
      eof = true;
      notifyAll();
    }
  }

  private synchronized int count() {
    return received.size();
  }

  private synchronized boolean isEof() {
    return eof;
  }

  private synchronized String awaitReceived(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (received.size() < n && !eof) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return "timed out waiting for Asterisk byte " + n + " (have " + received.size() + ")";
      }
      wait(left);
    }
    return received.size() < n
        ? "the peer closed after " + received.size() + " of " + n + " bytes"
        : null;
  }

  private synchronized String awaitEof() throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!eof) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return "timed out waiting for the peer's EOF (have " + received.size() + " bytes)";
      }
      wait(left);
    }
    return null;
  }
}
