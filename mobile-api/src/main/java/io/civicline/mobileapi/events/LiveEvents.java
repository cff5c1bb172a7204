package io.civicline.mobileapi.events;

import io.civicline.core.events.StaffEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This node's live staff sockets and the towns' event logs they follow. Each town with listeners
 * here has one {@link TenantFeed} reading its Redis stream, so an event published on any node
 * reaches every socket on every node, in the log's order. A listener that gives the last sequence
 * it saw first gets what it missed, then the live events, with nothing lost or repeated.
 */
public final class LiveEvents implements AutoCloseable {
  /** One staff member's live connection (a WebSocket, a test). */
  public interface Listener {
    String staffId();

    /** The departments the staff member belongs to (department events reach them). */
    Set<String> departments();

    void deliver(String sequence, StaffEvent event);

    /** Events after the given sequence are no longer kept: the app should reload its state. */
    void gap();
  }

  /** Stops delivering to a listener. */
  public interface Subscription {
    void cancel();
  }

  private final Vertx vertx;
  private final Context context;
  private final Redis redis;
  private final StaffEventLog log;
  private final Map<String, TenantFeed> feeds = new HashMap<>();
  private boolean closed;

  public LiveEvents(Vertx vertx, Redis redis, StaffEventLog log) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.redis = redis;
    this.log = log;
  }

  /**
   * Starts delivering {@code tenant}'s events to {@code listener}: those after {@code since} first
   * (when given), then live ones.
   */
  public Future<Subscription> subscribe(String tenant, Listener listener, Optional<String> since) {
    if (since.isPresent() && !Sequences.valid(since.get())) {
      return Future.failedFuture(
          new IllegalArgumentException("not an event sequence: " + since.get()));
    }
    Promise<Subscription> subscribed = Promise.promise();
    context.runOnContext(
        v -> {
          if (closed) {
            subscribed.fail(new IllegalStateException("live events are shut down"));
            return;
          }
          TenantFeed feed =
              feeds.computeIfAbsent(tenant, t -> new TenantFeed(t, redis, log, this::drop));
          feed.add(listener, since)
              .map(member -> (Subscription) () -> context.runOnContext(x -> feed.remove(member)))
              .onComplete(subscribed);
        });
    return subscribed.future();
  }

  /** How many listeners this node delivers live events to (for metrics and the benchmark). */
  public Future<Integer> listeners() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(
        v -> count.complete(feeds.values().stream().mapToInt(TenantFeed::size).sum()));
    return count.future();
  }

  private void drop(TenantFeed feed) {
    feeds.remove(feed.tenant(), feed);
  }

  @Override
  public void close() {
    context.runOnContext(
        v -> {
          closed = true;
          feeds.values().forEach(TenantFeed::stop);
          feeds.clear();
        });
  }

  Vertx vertx() {
    return vertx;
  }
}
