package io.civicline.signaling.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Places the next callback of a department's queue on a voice channel (Twilio REST, Asterisk
 * Originate); answers the request being called, or empty when nobody waits. A callback that cannot
 * be placed goes back to its place in the queue.
 */
@FunctionalInterface
public interface CallbackDialer {
  Future<Optional<CallbackQueue.Request>> dispatchNext(String tenant, String department);
}
