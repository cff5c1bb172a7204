package io.civicline.mobileapi.push;

import io.vertx.core.Future;

/**
 * One push service. A send answers the service's verdict; when the service could not be asked at
 * all (no connection, timeout) that is a retryable {@link PushOutcome.Status#FAILED}, so the future
 * itself does not fail.
 */
public interface PushSender {
  Platform platform();

  Future<PushOutcome> send(Device device, PushMessage message);
}
