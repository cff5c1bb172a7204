package io.civicline.ops.asterisk;

import io.civicline.signaling.asterisk.ami.AmiClient;
import io.civicline.signaling.asterisk.ami.AmiConnectionListener;
import io.civicline.signaling.asterisk.ami.AmiConnections;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Keeps each Asterisk's message-waiting lamps in line with voicemail: every few seconds, and in
 * full right after each (re)login, since a restarted Asterisk forgets them.
 */
public final class LampSync {
  private final Vertx vertx;
  private final AmiConnections connections;
  private final MessageLamps lamps;
  private final Duration every;
  private long timer = -1;

  public LampSync(Vertx vertx, AmiConnections connections, MessageLamps lamps, Duration every) {
    this.vertx = vertx;
    this.connections = connections;
    this.lamps = lamps;
    this.every = every;
  }

  public void start() {
    for (AmiClient client : connections.clients()) {
      client.addConnectionListener(
          new AmiConnectionListener() {
            @Override
            public void loggedIn(AmiClient loggedIn) {
              lamps.forget(loggedIn.server().tenants());
              sync(loggedIn);
            }
          });
    }
    timer = vertx.setPeriodic(every.toMillis(), id -> connections.clients().forEach(this::sync));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void sync(AmiClient client) {
    if (client.isLoggedIn()) {
      lamps.sync(
          client.server().tenants(),
          (mailbox, newMessages) -> client.updateMailbox(mailbox, newMessages, 0));
    }
  }
}
