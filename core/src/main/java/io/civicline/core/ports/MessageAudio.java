package io.civicline.core.ports;

import io.vertx.core.Future;
import java.util.Optional;

/** The audio of a voicemail message, for a channel to play it to staff by phone. */
public interface MessageAudio {

  /** The message's WAV, checked against its stored checksum; empty when there is no message. */
  Future<Optional<byte[]>> wav(String tenant, String messageId);
}
