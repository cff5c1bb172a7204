package io.civicline.testkit.twilio;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A call the stand-in knows about: its REST-visible state and pending live modifications. */
final class LiveCall {
  /** A "modify live call" request: new TwiML from a URL or inline, or a hang-up. */
  record Modification(String url, String method, String twiml, boolean hangUp) {}

  final String sid;
  final String from;
  final String to;
  final String direction;
  final Instant created = Instant.now();
  volatile String status;
  volatile Instant started;
  volatile Instant ended;
  volatile int durationSeconds;
  final CompletableFuture<CallTranscript> done = new CompletableFuture<>();
  private final BlockingQueue<Modification> modifications = new LinkedBlockingQueue<>();

  LiveCall(String sid, String from, String to, String direction, String status) {
    this.sid = sid;
    this.from = from;
    this.to = to;
    this.direction = direction;
    this.status = status;
  }

  boolean isLive() {
    return switch (status) {
      case "queued", "ringing", "in-progress" -> true;
      default -> false;
    };
  }

  void modify(Modification m) {
    modifications.add(m);
  }

  Modification pollModification() {
    return modifications.poll();
  }

  Modification awaitModification(Duration timeout) {
    try {
      return modifications.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
