package io.civicline.mobileapi.support;

import io.civicline.core.store.Page;
import io.civicline.mobileapi.calls.CallHistory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Call records in memory, as the voice channels would keep them, for staff API tests. Calls are
 * added oldest first; the cursor is how many of the matching calls came before.
 */
public final class MemoryCallHistory implements CallHistory {
  private record Call(String tenant, JsonObject record) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private int next = 1;

  /** A call of {@code tenant} that rang {@code rung}, reached {@code departments}. */
  public String add(
      String tenant,
      Instant at,
      List<String> rung,
      List<String> departments,
      Optional<String> answeredBy) {
    String id = "CA" + next++;
    JsonObject record =
        new JsonObject()
            .put("id", id)
            .put("channel", "twilio")
            .put("from", "+12075550123")
            .put("to", "+12695550100")
            .put("flowId", "main")
            .put("startedAt", at.toString())
            .put("endedAt", at.plusSeconds(60).toString())
            .put("path", new JsonArray().add("welcome"))
            .put("outcome", answeredBy.isPresent() ? "answered" : "voicemail")
            .put("language", "en")
            .put("rung", new JsonArray(rung))
            .put("departments", new JsonArray(departments))
            .put("missed", answeredBy.isEmpty());
    answeredBy.ifPresent(by -> record.put("answeredAt", at.plusSeconds(5).toString()));
    answeredBy.ifPresent(by -> record.put("answeredBy", by));
    calls.add(new Call(tenant, record));
    return id;
  }

  @Override
  public Future<Page<JsonObject>> rang(
      String tenant, String staffId, boolean missedOnly, String cursor, int limit) {
    return page(
        tenant,
        r -> r.getJsonArray("rung").contains(staffId) || staffId.equals(r.getString("answeredBy")),
        missedOnly,
        cursor,
        limit);
  }

  @Override
  public Future<Page<JsonObject>> reached(
      String tenant, Set<String> departments, boolean missedOnly, String cursor, int limit) {
    return page(
        tenant,
        r -> r.getJsonArray("departments").stream().anyMatch(departments::contains),
        missedOnly,
        cursor,
        limit);
  }

  private Future<Page<JsonObject>> page(
      String tenant, Predicate<JsonObject> wanted, boolean missedOnly, String cursor, int limit) {
    List<JsonObject> matching = new ArrayList<>();
    for (Call call : calls.reversed()) {
      JsonObject r = call.record();
      if (call.tenant().equals(tenant)
          && wanted.test(r)
          && (!missedOnly || r.getBoolean("missed"))) {
        matching.add(r.copy());
      }
    }
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(matching.size(), from + limit);
    return Future.succeededFuture(
        new Page<>(
            matching.subList(from, to),
            to < matching.size() ? Optional.of(Integer.toString(to)) : Optional.empty()));
  }
}
