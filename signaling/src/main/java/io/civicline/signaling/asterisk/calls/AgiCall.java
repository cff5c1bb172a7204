package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;
import io.civicline.signaling.asterisk.agi.ChannelHungUpException;
import io.civicline.signaling.context.CallContextLoader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's loop on its AGI session: run the step, feed what the caller did back to the engine,
 * commit each step to Redis before acting on it, until the flow ends or the caller hangs up. A
 * hang-up at any point becomes the engine's hang-up event, so the call record is always written.
 */
final class AgiCall {
  private static final Logger LOG = LoggerFactory.getLogger(AgiCall.class);

  private final AsteriskCalls.Services services;
  private final AgiLine line;
  private final String tenant;
  private final String callId;
  private Step step;
  private long seq = -1;
  private JsonObject meta;
  private Map<String, String> extensions;
  private Optional<String> queue = Optional.empty();
  private int takes;
  private final AgiMessageAudio messageAudio;

  AgiCall(
      AsteriskCalls.Services services, AgiLine line, String tenant, String callId, String called) {
    this.services = services;
    this.line = line;
    this.tenant = tenant;
    this.callId = callId;
    this.meta = io.civicline.signaling.store.CallFacts.begin("asterisk", called);
    this.messageAudio = services.messageAudio(tenant, callId);
  }

  /** Runs the call from its first step to its end. */
  void run(Step first, CallContext context) throws IOException {
    step = commit(first, context);
    try {
      line.answer();
      while (true) {
        Optional<CallEvent> event = services.actions().perform(this, step);
        if (step.state().ended()) {
          return;
        }
        if (event.isEmpty()) {
          LOG.atWarn()
              .addKeyValue("tenant", tenant)
              .addKeyValue("call", callId)
              .addKeyValue("node", step.state().node())
              .log("flow step waits for nothing on Asterisk; ending the call");
          line.hangup();
          advance(new CallEvent.Hangup());
          return;
        }
        advance(event.get());
        if (event.get() instanceof CallEvent.Hangup) {
          return;
        }
      }
    } catch (ChannelHungUpException hungUp) {
      if (!step.state().ended()) {
        advance(new CallEvent.Hangup());
      }
    } catch (IOException | RuntimeException failure) {
      LOG.atError()
          .addKeyValue("tenant", tenant)
          .addKeyValue("call", callId)
          .addKeyValue("node", step.state().node())
          .setCause(failure)
          .log("Asterisk call failed; recording it as ended here");
      if (!step.state().ended()) {
        advance(new CallEvent.Hangup());
      }
      throw failure;
    } finally {
      messageAudio.removeAll();
      if (queue.isPresent()) {
        services.queues().leave(tenant, queue.get(), callId);
      }
    }
  }

  private void advance(CallEvent event) throws IOException {
    Instant now = services.clock().instant();
    CallContext context =
        Blocking.await(
                services
                    .contexts()
                    .load(
                        tenant,
                        now,
                        Optional.of(
                            new CallContextLoader.Pinned(
                                step.state().flowId(), step.state().flowVersion()))))
            .orElseThrow(() -> new IOException("tenant " + tenant + " is gone"));
    step = commit(FlowEngine.step(context, step.state(), event, now), context);
  }

  private Step commit(Step next, CallContext context) throws IOException {
    Step resolved =
        Blocking.await(services.mailboxes().resolve(tenant, context, next, messageAudio));
    messageAudio.copyPending();
    meta = services.committer().commit(tenant, callId, resolved, seq, meta);
    seq++;
    Blocking.await(services.mailboxes().apply(tenant, resolved.state(), resolved.actions()));
    return resolved;
  }

  AgiLine line() {
    return line;
  }

  String tenant() {
    return tenant;
  }

  String callId() {
    return callId;
  }

  /** Staff id -> desk-phone extension, loaded when the call first rings someone. */
  Map<String, String> extensions() throws IOException {
    if (extensions == null) {
      extensions = Blocking.await(services.contexts().extensions(tenant));
    }
    return extensions;
  }

  Optional<String> queue() {
    return queue;
  }

  void joined(String name) {
    queue = Optional.of(name);
  }

  void left() throws IOException {
    if (queue.isPresent()) {
      services.queues().leave(tenant, queue.get(), callId);
      queue = Optional.empty();
    }
  }

  /** Numbers the recordings of this call: 1, 2, ... */
  int nextTake() {
    return ++takes;
  }
}
