package io.civicline.signaling.store;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallState;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Step;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Facts a channel keeps beside a call's state (the session's {@code meta}): which channel, who a
 * dial rang, when the call was answered; and the call record built from state and facts. Shared by
 * every channel so their records cannot drift apart.
 */
public final class CallFacts {
  private CallFacts() {}

  /** The facts for a new call. */
  public static JsonObject begin(String channel, String called) {
    return new JsonObject().put("called", called).put("channel", channel);
  }

  /**
   * {@code meta} updated with what {@code step} teaches: the dial's targets, everyone the call has
   * rung so far, the answer time.
   */
  public static JsonObject remember(JsonObject meta, Step step, Instant now) {
    // Who is being rung is a fact of this step only: staff apps stop ringing when it is gone.
    meta.remove("dialTargets");
    for (Action action : step.actions()) {
      if (action instanceof Action.Dial dial) {
        JsonArray targets = new JsonArray();
        for (DialTarget target : dial.targets()) {
          targets.add(
              new JsonObject()
                  .put("kind", target.kind().name())
                  .put("address", target.address())
                  .put("staffId", target.staffId()));
        }
        meta.put("dialTargets", targets);
        rung(meta, dial);
      }
    }
    if (step.state().answeredBy().isPresent() && !meta.containsKey("answeredAt")) {
      meta.put("answeredAt", now.toString());
    }
    return meta;
  }

  /** Adds the staff a dial rings to the call's {@code rung} list, each once. */
  private static void rung(JsonObject meta, Action.Dial dial) {
    JsonArray rung = meta.getJsonArray("rung", new JsonArray());
    for (DialTarget target : dial.targets()) {
      if (target.staffId() != null && !rung.contains(target.staffId())) {
        rung.add(target.staffId());
      }
    }
    meta.put("rung", rung);
  }

  /** The call record of a call that ended at {@code endedAt}. */
  public static CallRecord record(
      String callId, CallState state, JsonObject meta, Instant endedAt) {
    Optional<Instant> answeredAt =
        Optional.ofNullable(meta.getString("answeredAt")).map(Instant::parse);
    return new CallRecord(
        callId,
        meta.getString("channel", "twilio"),
        state.caller(),
        state.called(),
        state.flowId(),
        state.flowVersion(),
        state.startedAt(),
        answeredAt,
        endedAt,
        state.path(),
        state.answeredBy(),
        state.outcome().map(o -> o.wire()).orElse("hung-up"),
        state.queuedAt().isPresent() ? state.queueWaitSeconds(answeredAt.orElse(endedAt)) : 0,
        state.language(),
        meta.getJsonArray("rung", new JsonArray()).stream().map(String::valueOf).toList(),
        state.departmentsReached());
  }
}
