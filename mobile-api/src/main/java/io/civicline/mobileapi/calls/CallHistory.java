package io.civicline.mobileapi.calls;

import io.civicline.core.store.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * A town's recent calls as the voice channels record them, for staff: those that rang a member and
 * those that reached departments. The staff API checks who may see which department; this port only
 * reads.
 *
 * <p>Each item is the call's record with at least {@code id}, {@code from}, {@code to}, {@code
 * startedAt}, {@code endedAt}, {@code outcome}, {@code rung} (staff ids), {@code departments} and
 * {@code missed} (nobody answered), and {@code answeredBy} when someone did. Pages are newest
 * first; {@code next} is the cursor of the following page.
 */
public interface CallHistory {
  /** Calls that rang {@code staffId} (or that they answered); only missed ones if asked. */
  Future<Page<JsonObject>> rang(
      String tenant, String staffId, boolean missedOnly, String cursor, int limit);

  /** Calls that reached any of {@code departments}, each once; only missed ones if asked. */
  Future<Page<JsonObject>> reached(
      String tenant, Set<String> departments, boolean missedOnly, String cursor, int limit);

  /** No voice channel configured: there are no calls. */
  CallHistory NONE =
      new CallHistory() {
        @Override
        public Future<Page<JsonObject>> rang(
            String tenant, String staffId, boolean missedOnly, String cursor, int limit) {
          return Future.succeededFuture(new Page<>(java.util.List.of(), Optional.empty()));
        }

        @Override
        public Future<Page<JsonObject>> reached(
            String tenant, Set<String> departments, boolean missedOnly, String cursor, int limit) {
          return Future.succeededFuture(new Page<>(java.util.List.of(), Optional.empty()));
        }
      };
}
