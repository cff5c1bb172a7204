package io.civicline.testkit.smtp;

import io.civicline.testkit.Sockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on a free loopback port that keeps every message it accepts, for tests. It
 * speaks enough RFC 5321 for a mail client such as Jakarta Mail: {@code EHLO}/{@code HELO}, {@code
 * AUTH PLAIN} and {@code AUTH LOGIN}, {@code MAIL}, {@code RCPT}, {@code DATA}, {@code RSET},
 * {@code NOOP} and {@code QUIT}. There is no TLS, so {@code STARTTLS} is never offered.
 *
 * <pre>{@code
 * try (SmtpSink smtp = SmtpSink.requiringLogin("civicline", "s3cret")) {
 *   // point the code under test at 127.0.0.1:smtp.port()
 *   ReceivedMail mail = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
 *   assertThat(mail.subject()).startsWith("New voicemail");
 * }
 * }</pre>
 */
public final class SmtpSink implements AutoCloseable {
  static final String HOST_NAME = "smtp-sink.civicline.test";

  private final ServerSocket server;
  private final Optional<Credentials> credentials;
  private final List<ReceivedMail> messages = new CopyOnWriteArrayList<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger nextDataReply = new AtomicInteger();
  private final AtomicInteger interrupted = new AtomicInteger();
  private final Object arrivals = new Object();
  private volatile boolean closed;

  /** The user name and password a client must give; any other pair gets {@code 535}. */
  record Credentials(String user, String password) {}

  private SmtpSink(Optional<Credentials> credentials) {
    this.credentials = credentials;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("smtp-sink-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** Starts a sink that takes mail without authentication (and accepts any login it is given). */
  public static SmtpSink start() {
    return new SmtpSink(Optional.empty());
  }

  /** Starts a sink that refuses mail ({@code 530}) until the client logs in with these. */
  public static SmtpSink requiringLogin(String user, String password) {
    return new SmtpSink(Optional.of(new Credentials(user, password)));
  }

  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Answers {@code RCPT TO} for this address with {@code 550}, as for an unknown mailbox. */
  public SmtpSink refuseRecipient(String address) {
    refused.add(address.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * Answers the end of the next message's {@code DATA} with this code (e.g. {@code 451} for a
   * temporary failure, {@code 554} for a permanent one) and drops the message, the way a server
   * rejects mail it has just read.
   */
  public SmtpSink failNext(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("a failure code is 4xx or 5xx: " + code);
    }
    nextDataReply.set(code);
    return this;
  }

  /** The messages accepted so far, oldest first. */
  public List<ReceivedMail> messages() {
    return List.copyOf(messages);
  }

  /**
   * Waits until at least {@code count} messages have arrived and returns all of them.
   *
   * @throws AssertionError when they do not arrive in time
   */
  public List<ReceivedMail> awaitMessages(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (messages.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected %d message(s) within %s, got %d"
                  .formatted(count, timeout, messages.size()));
        }
        try {
          arrivals.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for mail", e);
        }
      }
    }
    return messages();
  }

  /** How many clients hung up in the middle of sending a message (nothing of it is kept). */
  public int interruptedMessages() {
    return interrupted.get();
  }

  /** Forgets received messages, refused addresses and a pending failure; for tests sharing one. */
  public void reset() {
    messages.clear();
    refused.clear();
    nextDataReply.set(0);
    interrupted.set(0);
  }

  @Override
  public void close() {
    closed = true;
    Sockets.closeAll(server, open);
  }

  Optional<Credentials> credentials() {
    return credentials;
  }

  boolean refuses(String address) {
    return refused.contains(address.toLowerCase(Locale.ROOT));
  }

  /** The code to answer the current DATA with instead of 250, or 0; used up by reading it. */
  int takeDataFailure() {
    return nextDataReply.getAndSet(0);
  }

  void accepted(ReceivedMail mail) {
    synchronized (arrivals) {
      messages.add(mail);
      arrivals.notifyAll();
    }
  }

  void interruptedMidData() {
    interrupted.incrementAndGet();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException closing) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (closed) {
        // the JDK lets a virtual thread parked in accept finish after close, so a connection can
        // still arrive: it must find no server
        Sockets.closeQuietly(socket);
        return;
      }
      open.add(socket);
      Thread.ofVirtual()
          .name("smtp-sink-session")
          .start(
              () -> {
                try (socket) {
                  new SmtpSession(this, socket).run();
                } catch (IOException hungUp) {
                  // the client went away; the session has nothing more to do
                } finally {
                  open.remove(socket);
                }
              });
    }
  }
}
