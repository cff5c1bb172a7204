package io.civicline.signaling.twilio;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallState;
import io.civicline.routing.engine.Step;
import io.civicline.signaling.store.CallAlerts;
import io.civicline.signaling.store.CallFacts;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one engine step into the TwiML reply and makes it count exactly once: saves state, reply
 * and callback requests atomically (refusing if another request advanced the call first), then
 * sends texts and writes the call record when the call is over.
 */
final class StepCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(StepCommitter.class);

  private final CallSessions sessions;
  private final CallRecords records;
  private final TwilioRest rest;
  private final MessageAudioUrls audioUrls;
  private final CallAlerts alerts;
  private final Clock clock;

  StepCommitter(
      CallSessions sessions,
      CallRecords records,
      TwilioRest rest,
      MessageAudioUrls audioUrls,
      CallAlerts alerts,
      Clock clock) {
    this.audioUrls = audioUrls;
    this.alerts = alerts;
    this.sessions = sessions;
    this.records = records;
    this.rest = rest;
    this.clock = clock;
  }

  /** The reply, or empty when another request advanced the call first (the caller retries). */
  Future<Optional<String>> commit(
      String tenant,
      CallUrls urls,
      long expectedSeq,
      Step step,
      JsonObject meta,
      String replyKey,
      boolean waiting) {
    Instant now = clock.instant();
    String twiml =
        TwimlRenderer.render(
            step.actions(),
            urls,
            waiting,
            greeting ->
                audioUrls.greetingUrl(
                    tenant, greeting.mailbox(), greeting.language(), greeting.sha256(), now));
    JsonObject updated = CallFacts.remember(meta.copy(), step, now);
    List<CallSessions.QueuedCallback> callbacks = new ArrayList<>();
    for (Action action : step.actions()) {
      if (action instanceof Action.RequestCallback request) {
        callbacks.add(CallbackQueue.entry(tenant, request, meta.getString("called"), now));
      }
    }
    return sessions
        .save(
            tenant, urls.callSid(), expectedSeq, step.state(), updated, replyKey, twiml, callbacks)
        .compose(
            saved -> {
              if (!saved) {
                return Future.succeededFuture(Optional.<String>empty());
              }
              sendTexts(step, meta.getString("called"));
              alerts.committed(tenant, urls.callSid(), step, meta, updated);
              Future<Void> record =
                  step.state().ended()
                      ? writeRecord(tenant, urls.callSid(), step.state(), updated, now)
                      : Future.succeededFuture();
              return record.map(Optional.of(twiml));
            });
  }

  private void sendTexts(Step step, String townNumber) {
    for (Action action : step.actions()) {
      if (action instanceof Action.SendSms sms) {
        rest.sendSms(townNumber, sms.to(), sms.text())
            .onFailure(
                failure ->
                    LOG.atWarn()
                        .addKeyValue("to", sms.to())
                        .setCause(failure)
                        .log("could not send a flow's text"));
      }
    }
  }

  /** The call record; written again (same id) if a later webhook learns more, e.g. the end time. */
  Future<Void> writeRecord(
      String tenant, String callId, CallState state, JsonObject meta, Instant endedAt) {
    return records.put(tenant, CallFacts.record(callId, state, meta, endedAt));
  }
}
