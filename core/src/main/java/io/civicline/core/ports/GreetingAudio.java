package io.civicline.core.ports;

import io.vertx.core.Future;
import java.util.Optional;

/** A mailbox's uploaded greeting as stored, for a channel to play to callers. */
@FunctionalInterface
public interface GreetingAudio {

  /**
   * The greeting's WAV, checked against {@code sha256}; empty when the mailbox has no such greeting
   * (any more).
   *
   * @param mailbox {@code department:<id>} or {@code staff:<id>}
   */
  Future<Optional<byte[]>> wav(String tenant, String mailbox, String language, String sha256);
}
