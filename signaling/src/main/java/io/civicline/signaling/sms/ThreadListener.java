package io.civicline.signaling.sms;

/**
 * Hears about texting as it happens, after it is stored: to fan new texts out to the department's
 * staff (WebSocket, push) and show delivery. Called on the event loop: do not block.
 */
public interface ThreadListener {
  ThreadListener NONE = new ThreadListener() {};

  /** A resident's text, new (never for a retried webhook), in its thread. */
  default void onInbound(String tenant, String department, SmsThread thread, SmsMessage message) {}

  /** An outbound text changed status (sent, delivered, failed...). */
  default void onStatus(String tenant, SmsMessage message) {}
}
