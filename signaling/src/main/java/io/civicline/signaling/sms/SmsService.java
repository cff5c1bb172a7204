package io.civicline.signaling.sms;

import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What staff do with texts, for the REST API: list a department's threads, read a thread, reply. A
 * reply is queued durably and sent by the {@link SmsSender}, paced per number; its status follows
 * Twilio's delivery reports.
 */
public final class SmsService {
  static final int MAX_LIST = 200;

  private final SmsStore store;
  private final Clock clock;

  public SmsService(SmsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A department's threads, most recently active first. */
  public Future<List<SmsThread>> threads(String tenant, String department, int offset, int limit) {
    return store.threads(tenant, department, Math.max(0, offset), clamp(limit));
  }

  public Future<Optional<SmsThread>> thread(String tenant, String threadId) {
    return store.thread(tenant, threadId);
  }

  /** A thread's messages, newest first. */
  public Future<List<SmsMessage>> messages(String tenant, String threadId, int limit) {
    return store.messages(tenant, threadId, clamp(limit));
  }

  public Future<Optional<SmsMessage>> message(String tenant, String messageId) {
    return store.message(tenant, messageId);
  }

  /**
   * Queues a staff reply on a thread. Fails with {@link InvalidInputException} for an empty or too
   * long body, {@link StoreException.NotFound} for an unknown thread, and {@link OptedOutException}
   * when the resident texted STOP.
   *
   * @param requestKey a client's idempotency key: the same key on the same thread gives the same
   *     message, queued once
   */
  public Future<SmsMessage> reply(
      String tenant, String threadId, String body, String author, Optional<String> requestKey) {
    if (body == null || body.isBlank()) {
      return Future.failedFuture(new InvalidInputException("#/body", "must not be blank"));
    }
    if (body.length() > SmsInbox.MAX_BODY) {
      return Future.failedFuture(
          new InvalidInputException(
              "#/body", "must be at most " + SmsInbox.MAX_BODY + " characters"));
    }
    String id = requestKey.map(key -> keyedId(threadId, key)).orElseGet(SmsInbox::newId);
    return store
        .thread(tenant, threadId)
        .compose(
            thread -> {
              if (thread.isEmpty()) {
                return Future.failedFuture(new StoreException.NotFound("sms thread " + threadId));
              }
              SmsStore.Outbound text = new SmsStore.Outbound(id, "text", author, body);
              return store.reply(tenant, thread.get(), text, clock.instant());
            })
        .compose(
            result -> {
              if (result == SmsStore.ReplyResult.OPTED_OUT) {
                return Future.failedFuture(new OptedOutException(threadId));
              }
              if (result == SmsStore.ReplyResult.NO_THREAD) {
                return Future.failedFuture(new StoreException.NotFound("sms thread " + threadId));
              }
              return store.message(tenant, id).map(Optional::orElseThrow);
            });
  }

  private static String keyedId(String threadId, String key) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((threadId + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "out-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIST));
  }
}
