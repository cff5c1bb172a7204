package io.civicline.signaling.mailbox;

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
 * Voicemail by phone, for every voice channel: answers the engine's {@link Action.OpenMailbox}
 * within the same step (the mailbox's answer goes straight back into the engine, so the caller
 * hears the result at once), and carries out {@link Action.UpdateMessage} once its step is
 * committed. Where a message's audio is played from is the channel's business ({@link
 * AudioLocator}).
 */
public final class PhoneMailboxes {
  private static final Logger LOG = LoggerFactory.getLogger(PhoneMailboxes.class);
  public static final String DELETE_REASON = "deleted by phone";

  /** Where a channel plays a message from: a signed URL (Twilio), a spool file (Asterisk). */
  @FunctionalInterface
  public interface AudioLocator {
    Future<String> locate(String tenant, String messageId, Instant now);
  }

  private final MailboxAccess mailboxes;
  private final Clock clock;

  public PhoneMailboxes(MailboxAccess mailboxes, Clock clock) {
    this.mailboxes = mailboxes;
    this.clock = clock;
  }

  /**
   * The step with every mailbox it opens answered: the OpenMailbox action is replaced by what the
   * engine does with the answer. The PIN goes no further than {@link MailboxAccess#open}.
   */
  public Future<Step> resolve(String tenant, CallContext context, Step step, AudioLocator audio) {
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
        .compose(opened -> event(tenant, opened, now, audio))
        .map(
            event -> {
              Step answered = FlowEngine.step(context, step.state(), event, now);
              List<Action> actions = new ArrayList<>();
              step.actions().stream()
                  .filter(a -> !(a instanceof Action.OpenMailbox))
                  .forEach(actions::add);
              actions.addAll(answered.actions());
              return new Step(answered.state(), actions);
            })
        .compose(resolved -> resolve(tenant, context, resolved, audio));
  }

  private Future<CallEvent.MailboxOpened> event(
      String tenant, MailboxAccess.Opened opened, Instant now, AudioLocator audio) {
    if (opened.result() != MailboxAccess.Result.ACCEPTED) {
      return Future.succeededFuture(CallEvent.MailboxOpened.refused());
    }
    List<Future<CallEvent.MessageSummary>> summaries = new ArrayList<>();
    for (MailboxAccess.Message m : opened.messages()) {
      summaries.add(
          audio
              .locate(tenant, m.id(), now)
              .map(
                  location ->
                      new CallEvent.MessageSummary(
                          m.id(),
                          m.receivedAt(),
                          m.from(),
                          m.seconds(),
                          location,
                          m.isNew(),
                          m.kept())));
    }
    return Future.all(summaries)
        .map(
            done ->
                new CallEvent.MailboxOpened(
                    CallEvent.MailboxResult.ACCEPTED,
                    summaries.stream().map(Future::result).toList()));
  }

  /** Saves and deletes what the caller chose; failures are logged, the call goes on. */
  public Future<Void> apply(String tenant, CallState state, List<Action> actions) {
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
