package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.Step;
import io.civicline.signaling.store.CallAlerts;
import io.civicline.signaling.store.CallFacts;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an Asterisk call's step durable before the line acts on it: state, facts and callback
 * requests in one atomic write (the same store Twilio calls use), then the flow's texts, and the
 * call record once the call is over.
 */
final class AgiStepCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(AgiStepCommitter.class);
  static final String REPLY_KEY = "agi";

  private final CallSessions sessions;
  private final CallRecords records;
  private final TextSender texts;
  private final CallAlerts alerts;
  private final Clock clock;

  AgiStepCommitter(
      CallSessions sessions,
      CallRecords records,
      TextSender texts,
      CallAlerts alerts,
      Clock clock) {
    this.sessions = sessions;
    this.records = records;
    this.texts = texts;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Saves the step if the call is still at {@code expectedSeq}; the call's updated facts. */
  JsonObject commit(String tenant, String callId, Step step, long expectedSeq, JsonObject meta)
      throws IOException {
    Instant now = clock.instant();
    JsonObject updated = CallFacts.remember(meta.copy(), step, now);
    String called = meta.getString("called");
    List<CallSessions.QueuedCallback> callbacks = new ArrayList<>();
    for (Action action : step.actions()) {
      if (action instanceof Action.RequestCallback request) {
        callbacks.add(CallbackQueue.entry(tenant, request, called, now));
      }
    }
    boolean saved =
        Blocking.await(
            sessions.save(
                tenant, callId, expectedSeq, step.state(), updated, REPLY_KEY, "", callbacks));
    if (!saved) {
      // One socket carries an AGI call, so this means two sessions claim one channel id.
      throw new IOException("call " + callId + " was advanced by another session");
    }
    sendTexts(step, called);
    alerts.committed(tenant, callId, step, meta, updated);
    if (step.state().ended()) {
      Blocking.await(records.put(tenant, CallFacts.record(callId, step.state(), updated, now)));
    }
    return updated;
  }

  private void sendTexts(Step step, String townNumber) {
    for (Action action : step.actions()) {
      if (action instanceof Action.SendSms sms) {
        texts
            .send(townNumber, sms.to(), sms.text())
            .onFailure(
                failure ->
                    LOG.atWarn()
                        .addKeyValue("to", sms.to())
                        .setCause(failure)
                        .log("could not send a flow's text"));
      }
    }
  }
}
