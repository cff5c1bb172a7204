package io.civicline.signaling.sms;

import io.civicline.core.redis.Keys;

/**
 * Where texting lives in Redis. Everything of a town is under its hash tag, so each change is one
 * Lua script on one slot; only the list of towns with outgoing texts is platform-wide.
 */
final class SmsKeys {
  private SmsKeys() {}

  /** Hash: one message's fields. */
  static String message(String tenant, String messageId) {
    return Keys.tenant(tenant, "sms", "msg", messageId);
  }

  /** Hash: one thread (resident x department). */
  static String thread(String tenant, String threadId) {
    return Keys.tenant(tenant, "sms", "thread", threadId);
  }

  /** List: a thread's message ids, oldest first. */
  static String threadMessages(String tenant, String threadId) {
    return Keys.tenant(tenant, "sms", "thread", threadId, "msgs");
  }

  /** Sorted set: a department's thread ids by last activity (epoch millis). */
  static String departmentThreads(String tenant, String department) {
    return Keys.tenant(tenant, "sms", "dept", department, "threads");
  }

  /** Hash: {@code <town number>|<resident>} -> when the resident texted STOP to that number. */
  static String optOuts(String tenant) {
    return Keys.tenant(tenant, "sms", "optout");
  }

  /**
   * Hash: {@code <town number>|<resident>} -> {@code <department>|<epoch millis>}: whom the
   * resident last talked with on that number, so a follow-up without keywords stays in its thread.
   */
  static String conversations(String tenant) {
    return Keys.tenant(tenant, "sms", "talking");
  }

  /** Hash: resident number -> the language they last wrote in. */
  static String languages(String tenant) {
    return Keys.tenant(tenant, "sms", "lang");
  }

  /** List: ids of texts waiting to leave from one town number, in order. */
  static String outQueue(String tenant, String townNumber) {
    return Keys.tenant(tenant, "sms", "out", "q", townNumber);
  }

  /** Sorted set: town numbers with texts waiting, by when the next may leave. */
  static String outDue(String tenant) {
    return Keys.tenant(tenant, "sms", "out", "due");
  }

  /** Hash: town number -> the earliest moment its next text may leave (pacing). */
  static String outPace(String tenant) {
    return Keys.tenant(tenant, "sms", "out", "pace");
  }

  /**
   * Hash: message id -> the send job (from, to, body, attempts) while it is queued or in flight.
   */
  static String outJobs(String tenant) {
    return Keys.tenant(tenant, "sms", "out", "jobs");
  }

  /** Sorted set: message ids being sent, by when their lease ends (then they are sent again). */
  static String outInFlight(String tenant) {
    return Keys.tenant(tenant, "sms", "out", "inflight");
  }

  /** Set: towns that ever queued a text, so a sender finds their queues. */
  static String outTenants() {
    return Keys.platform("sms", "out", "tenants");
  }

  static String optOutField(String townNumber, String resident) {
    return townNumber + "|" + resident;
  }
}
