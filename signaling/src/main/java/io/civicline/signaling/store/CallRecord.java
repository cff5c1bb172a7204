package io.civicline.signaling.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened on one call (a CDR): who called which number, when it started, was answered and
 * ended, the path through the flow, who answered, the outcome and the time spent in a queue; and
 * for the staff's call history, whom it rang and which departments it was for.
 *
 * @param rung staff ids the call rang, in the order it first rang them
 * @param departments departments whose ring or queue nodes the call reached
 */
public record CallRecord(
    String callId,
    String channel,
    String from,
    String to,
    String flowId,
    int flowVersion,
    Instant startedAt,
    Optional<Instant> answeredAt,
    Instant endedAt,
    List<String> path,
    Optional<String> answeredBy,
    String outcome,
    long queueWaitSeconds,
    String language,
    List<String> rung,
    List<String> departments) {

  public CallRecord {
    path = List.copyOf(path);
    rung = List.copyOf(rung);
    departments = List.copyOf(departments);
  }

  /** Nobody picked up: the call was not answered by anyone. */
  public boolean missed() {
    return answeredBy.isEmpty() && !outcome.equals("answered");
  }

  /** {@link #missed()} of a stored record. */
  public static boolean missed(JsonObject stored) {
    return stored.getString("answeredBy") == null
        && !"answered".equals(stored.getString("outcome"));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", callId)
            .put("channel", channel)
            .put("from", from)
            .put("to", to)
            .put("flowId", flowId)
            .put("flowVersion", flowVersion)
            .put("startedAt", startedAt.toString())
            .put("endedAt", endedAt.toString())
            .put("path", new JsonArray(new ArrayList<>(path)))
            .put("outcome", outcome)
            .put("queueWaitSeconds", queueWaitSeconds)
            .put("language", language)
            .put("rung", new JsonArray(new ArrayList<>(rung)))
            .put("departments", new JsonArray(new ArrayList<>(departments)));
    answeredAt.ifPresent(at -> json.put("answeredAt", at.toString()));
    answeredBy.ifPresent(by -> json.put("answeredBy", by));
    return json;
  }
}
