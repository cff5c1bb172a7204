package io.civicline.signaling.asterisk.calls;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future from a call's virtual thread. AGI calls are blocking by nature; the
 * store and the engine's loaders are Future-based, so the call thread parks until they answer.
 * Never used on an event loop.
 */
final class Blocking {
  static final long TIMEOUT_SECONDS = 30;

  private Blocking() {}

  static <T> T await(Future<T> future) throws IOException {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the store", e);
    } catch (ExecutionException e) {
      throw new IOException("store operation failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("store did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
