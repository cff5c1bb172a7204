package io.civicline.signaling.asterisk.ami;

/**
 * Typed call events for CDR and call tracking. Called on the client's Vert.x context, in wire
 * order, each event exactly once (never again after a reconnect). Must not block.
 */
public interface CallEventListener {
  default void onHangup(HangupEvent event) {}

  default void onBridgeEnter(BridgeEnterEvent event) {}
}
