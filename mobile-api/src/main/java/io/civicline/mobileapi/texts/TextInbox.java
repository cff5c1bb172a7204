package io.civicline.mobileapi.texts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The texting a staff app works with, as the texting channel stores it: a department's threads with
 * residents, their messages, and replies. The staff API checks who may see which department; this
 * port only reads and writes.
 */
public interface TextInbox {
  /** A department's threads, newest first; each has at least {@code id} and {@code department}. */
  Future<List<JsonObject>> threads(String tenant, String department, int offset, int limit);

  Future<Optional<JsonObject>> thread(String tenant, String threadId);

  /** A thread's messages, newest first. */
  Future<List<JsonObject>> messages(String tenant, String threadId, int limit);

  /**
   * Queues a staff member's reply; the message as stored (status {@code queued}). Fails with {@link
   * OptedOut} when the resident opted out of texts from this number.
   *
   * @param idempotencyKey the same key never queues a second reply
   */
  Future<JsonObject> reply(
      String tenant, String threadId, String body, String staffId, Optional<String> idempotencyKey);

  /** The resident texted STOP: nothing may be sent to them from this number until START. */
  final class OptedOut extends RuntimeException {
    public OptedOut(String message) {
      super(message);
    }
  }

  /** No texting channel configured: there are no threads. */
  TextInbox NONE =
      new TextInbox() {
        @Override
        public Future<List<JsonObject>> threads(
            String tenant, String department, int offset, int limit) {
          return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Optional<JsonObject>> thread(String tenant, String threadId) {
          return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<List<JsonObject>> messages(String tenant, String threadId, int limit) {
          return Future.succeededFuture(List.of());
        }

        @Override
        public Future<JsonObject> reply(
            String tenant,
            String threadId,
            String body,
            String staffId,
            Optional<String> idempotencyKey) {
          return Future.failedFuture(
              new io.civicline.core.store.StoreException.NotFound("thread " + threadId));
        }
      };
}
