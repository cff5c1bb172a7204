package io.civicline.signaling.store;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Step;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells staff apps about calls as they are committed, on every channel: a call starts ringing for
 * them ({@code call.ringing}, with the caller and the path through the flow), and stops ringing
 * ({@code call.ringing-ended}: answered by them, answered elsewhere, not answered, or the caller
 * hung up). Best effort: a lost alert never fails the call.
 *
 * <p>When a dial's result is committed, whoever it rang is off this call: a safety net for the "on
 * a call" mark, should the channel's report of a leg's end be lost.
 */
public final class CallAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(CallAlerts.class);
  public static final String RINGING = "call.ringing";
  public static final String RINGING_ENDED = "call.ringing-ended";

  private final StaffEvents events;
  private final io.civicline.core.presence.OnCallPresence onCall;

  public CallAlerts(StaffEvents events) {
    this(events, io.civicline.core.presence.OnCallPresence.NONE);
  }

  public CallAlerts(StaffEvents events, io.civicline.core.presence.OnCallPresence onCall) {
    this.events = events;
    this.onCall = onCall;
  }

  /**
   * After {@code step} was committed: {@code before} are the call's facts before it (who was being
   * rung), {@code after} the facts it saved.
   */
  public void committed(
      String tenant, String callId, Step step, JsonObject before, JsonObject after) {
    Set<String> wasRinging = staffOf(before.getJsonArray("dialTargets"));
    Set<String> ringingNow = new LinkedHashSet<>();
    step.actions().stream()
        .filter(Action.Dial.class::isInstance)
        .map(Action.Dial.class::cast)
        .flatMap(dial -> dial.targets().stream())
        .map(DialTarget::staffId)
        .filter(Objects::nonNull)
        .forEach(ringingNow::add);
    if (!wasRinging.isEmpty()) {
      ended(tenant, callId, step, wasRinging);
      wasRinging.forEach(staff -> onCall.ended(tenant, staff, callId));
    }
    if (!ringingNow.isEmpty()) {
      publish(tenant, RINGING, ringingNow, ringing(callId, step, after));
    }
  }

  private void ended(String tenant, String callId, Step step, Set<String> wereRung) {
    String answeredBy = step.state().answeredBy().orElse(null);
    for (String staff : wereRung) {
      String reason;
      if (answeredBy != null) {
        reason = staff.equals(answeredBy) ? "answered" : "answered-elsewhere";
      } else if (step.state().ended()) {
        reason = step.state().outcome().map(o -> o.wire()).orElse("hung-up");
      } else {
        reason = "not-answered";
      }
      JsonObject data =
          new JsonObject()
              .put("callId", callId)
              .put("reason", reason)
              .put("from", step.state().caller());
      if (answeredBy != null) {
        data.put("answeredBy", answeredBy);
      }
      publish(tenant, RINGING_ENDED, Set.of(staff), data);
    }
  }

  private static JsonObject ringing(String callId, Step step, JsonObject facts) {
    return new JsonObject()
        .put("callId", callId)
        .put("channel", facts.getString("channel", ""))
        .put("from", step.state().caller())
        .put("to", step.state().called())
        .put("language", step.state().language())
        .put("path", new JsonArray(step.state().path()));
  }

  private void publish(String tenant, String type, Set<String> staff, JsonObject data) {
    events
        .publish(tenant, new StaffEvent(type, StaffEvent.Audience.toStaff(staff), data))
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", tenant)
                    .addKeyValue("type", type)
                    .setCause(failure)
                    .log("could not publish a call alert"));
  }

  private static Set<String> staffOf(JsonArray targets) {
    Set<String> staff = new LinkedHashSet<>();
    if (targets != null) {
      targets.forEach(
          t -> {
            String id = ((JsonObject) t).getString("staffId");
            if (id != null) {
              staff.add(id);
            }
          });
    }
    return staff;
  }
}
