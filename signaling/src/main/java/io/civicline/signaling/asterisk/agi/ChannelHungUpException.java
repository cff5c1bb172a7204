package io.civicline.signaling.asterisk.agi;

import java.io.IOException;
import java.util.Optional;

/**
 * The caller's channel is gone: Asterisk sent the unsolicited {@code HANGUP} notice or answered a
 * command with {@code 511}. {@link #reply()} holds the 511 reply when Asterisk produced one; it is
 * empty when the command was refused locally without being sent (fail fast).
 */
public class ChannelHungUpException extends IOException {
  private final transient AgiReply reply;

  public ChannelHungUpException(String message, AgiReply reply) {
    super(message);
    this.reply = reply;
  }

  public Optional<AgiReply> reply() {
    return Optional.ofNullable(reply);
  }

  /** True when the command was refused before anything was written to Asterisk. */
  public boolean notSent() {
    return reply == null;
  }
}
