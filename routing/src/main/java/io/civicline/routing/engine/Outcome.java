package io.civicline.routing.engine;

/** How a call ended, as its call record states it. */
public enum Outcome {
  ANSWERED("answered"),
  VOICEMAIL("voicemail"),
  ABANDONED_IN_QUEUE("abandoned-in-queue"),
  CALLBACK_REQUESTED("callback-requested"),
  FORWARDED("forwarded"),
  /** The caller heard a message (closed, holiday) and the flow hung up. */
  MESSAGE("message"),
  /** The caller hung up before reaching anyone or anything. */
  HUNG_UP("hung-up"),
  FAILED("failed");

  private final String wire;

  Outcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
