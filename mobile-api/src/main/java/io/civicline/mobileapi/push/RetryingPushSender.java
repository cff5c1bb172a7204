package io.civicline.mobileapi.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends again when a push service answers with a failure that may pass (unavailable, rate limited,
 * an access token that just expired), after growing pauses. A ringing call is only worth pushing
 * for seconds, so the pauses are short and few; what still fails is reported as before.
 */
public final class RetryingPushSender implements PushSender, AutoCloseable {
  /** Pauses before the second, third and fourth try. */
  public static final List<Duration> DEFAULT_PAUSES =
      List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));

  private final Vertx vertx;
  private final PushSender sender;
  private final List<Duration> pauses;

  public RetryingPushSender(Vertx vertx, PushSender sender, List<Duration> pauses) {
    this.vertx = vertx;
    this.sender = sender;
    this.pauses = List.copyOf(pauses);
  }

  @Override
  public Platform platform() {
    return sender.platform();
  }

  @Override
  public Future<PushOutcome> send(Device device, PushMessage message) {
    return attempt(device, message, 0);
  }

  private Future<PushOutcome> attempt(Device device, PushMessage message, int retries) {
    return sender
        .send(device, message)
        .compose(
            outcome -> {
              boolean again =
                  outcome.status() == PushOutcome.Status.FAILED
                      && outcome.retryable()
                      && retries < pauses.size();
              if (!again) {
                return Future.succeededFuture(outcome);
              }
              return vertx
                  .timer(pauses.get(retries).toMillis(), TimeUnit.MILLISECONDS)
                  .compose(v -> attempt(device, message, retries + 1));
            });
  }

  @Override
  public void close() throws Exception {
    if (sender instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
