package io.civicline.signaling.asterisk.calls;

import io.vertx.core.Future;

/** Sends a flow's text message from the town's number (the SMS carrier is not Asterisk). */
@FunctionalInterface
public interface TextSender {
  Future<?> send(String from, String to, String text);
}
