package io.civicline.signaling.twilio;

import io.civicline.core.ports.MailboxAccess;
import io.civicline.core.store.Actor;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.CallState;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voicemail by phone on the Twilio channel: answers the engine's {@link Action.OpenMailbox} within
 * the same webhook (the mailbox's answer goes straight back into the engine, and the caller hears
 * the result in one TwiML document), and carries out {@link Action.UpdateMessage} once its step is
 * committed.
 */
final class MailboxCalls {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxCalls.class);
  static final String DELETE_REASON = "deleted by phone";

  private final MailboxAccess mailboxes;
  private final MessageAudioUrls audio;
  private final Clock clock;

  MailboxCalls(MailboxAccess mailboxes, MessageAudioUrls audio, Clock clock) {
    this.mailboxes = mailboxes;
    this.audio = audio;
    this.clock = clock;
  }

  /**
   * The step with every mailbox it opens answered: the OpenMailbox action is replaced by what the
   * engine does with the answer. The PIN goes no further than {@link MailboxAccess#open}.
   */
  Future<Step> resolve(String tenant, CallContext context, Step step) {
    Action.OpenMailbox open =
        step.actions().stream()
            .filter(Action.OpenMailbox.class::isInstance)
            .map(Action.OpenMailbox.class::cast)
            .findFirst()
            .orElse(null);
    if (open == null) {
      return Future.succeededFuture(step);
    }
    Instant now = clock.instant();
    return mailboxes
        .open(tenant, open.mailbox(), step.state().caller(), open.pin(), now)
        .recover(
            failure -> {
              LOG.atError()
                  .addKeyValue("tenant", tenant)
                  .setCause(failure)
                  .log("could not open a mailbox by phone");
              return Future.succeededFuture(MailboxAccess.Opened.refused());
            })
        .map(
            opened -> {
              Step answered =
                  FlowEngine.step(context, step.state(), event(tenant, opened, now), now);
              List<Action> actions = new ArrayList<>();
              step.actions().stream()
                  .filter(a -> !(a instanceof Action.OpenMailbox))
                  .forEach(actions::add);
              actions.addAll(answered.actions());
              return new Step(answered.state(), actions);
            })
        .compose(resolved -> resolve(tenant, context, resolved));
  }

  private CallEvent.MailboxOpened event(String tenant, MailboxAccess.Opened opened, Instant now) {
    if (opened.result() != MailboxAccess.Result.ACCEPTED) {
      return CallEvent.MailboxOpened.refused();
    }
    return new CallEvent.MailboxOpened(
        CallEvent.MailboxResult.ACCEPTED,
        opened.messages().stream()
            .map(
                m ->
                    new CallEvent.MessageSummary(
                        m.id(),
                        m.receivedAt(),
                        m.from(),
                        m.seconds(),
                        audio.url(tenant, m.id(), now),
                        m.isNew(),
                        m.kept()))
            .toList());
  }

  /** Saves and deletes what the caller chose; failures are logged, the call goes on. */
  Future<Void> apply(String tenant, CallState state, List<Action> actions) {
    Actor actor = new Actor("phone:" + state.caller(), "phone access");
    Future<Void> done = Future.succeededFuture();
    for (Action action : actions) {
      if (action instanceof Action.UpdateMessage update) {
        done = done.compose(v -> update(tenant, update, actor));
      }
    }
    return done;
  }

  private Future<Void> update(String tenant, Action.UpdateMessage update, Actor actor) {
    Future<?> change =
        switch (update.change()) {
          case SAVE -> mailboxes.save(tenant, update.mailbox(), update.messageId(), actor);
          case DELETE ->
              mailboxes
                  .delete(tenant, update.mailbox(), update.messageId(), actor, DELETE_REASON)
                  .onSuccess(
                      deleted -> {
                        if (!deleted) {
                          LOG.atInfo()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("message", update.messageId())
                              .log("a message deleted by phone was kept or already gone");
                        }
                      });
        };
    return change
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.atError()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("message", update.messageId())
                  .setCause(failure)
                  .log("could not change a message by phone");
              return Future.succeededFuture();
            });
  }
}
