package io.civicline.signaling.sms;

import io.vertx.core.Future;

/** Hands a text to the carrier; answers the carrier's message id. */
@FunctionalInterface
public interface SmsTransport {
  /**
   * @param statusCallback where the carrier reports the text's delivery
   */
  Future<String> send(String from, String to, String body, String statusCallback);
}
