package io.civicline.signaling.sms;

/** A staff reply to a resident who texted STOP to the thread's number: nothing was queued. */
public final class OptedOutException extends RuntimeException {
  public OptedOutException(String threadId) {
    super(
        "the resident of thread " + threadId + " opted out (STOP); texts to them are not sent",
        null,
        false,
        false);
  }
}
