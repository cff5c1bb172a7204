package io.civicline.voicemail.access;

import io.civicline.core.ports.MailboxAccess;
import io.civicline.core.ports.MessageAudio;
import io.civicline.core.store.Actor;
import io.civicline.core.store.StoreException;
import io.civicline.voicemail.mailbox.MailboxPins;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.pin.Attempt;
import io.civicline.voicemail.pin.PinGuard;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Voicemail by phone over the voicemail module's stores. The PIN hash is the one set through the
 * mailbox API and kept in {@link MailboxPins}; none set means no PIN, which {@link PinGuard}
 * refuses exactly like a wrong PIN, taking as long. Every attempt goes through the guard, so
 * failures count towards the lockout and a locked mailbox refuses even the right PIN.
 */
public final class PhoneMailboxAccess implements MailboxAccess, MessageAudio {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PhoneMailboxAccess.class);

  private final MailboxPins pins;
  private final PinGuard guard;
  private final MessageStore messages;
  private final RecordingStore recordings;

  public PhoneMailboxAccess(
      MailboxPins pins, PinGuard guard, MessageStore messages, RecordingStore recordings) {
    this.pins = pins;
    this.guard = guard;
    this.messages = messages;
    this.recordings = recordings;
  }

  /**
   * The settings document id of a mailbox: {@code department:clerk} -> {@code department-clerk}.
   */
  public static String documentId(String mailbox) {
    return mailbox.replace(':', '-');
  }

  @Override
  public Future<Opened> open(
      String tenant, String mailbox, String callerNumber, String pin, Instant now) {
    if (!mailbox.matches("(department|staff):[a-z0-9-]{1,48}")) {
      return Future.succeededFuture(Opened.refused());
    }
    String id = documentId(mailbox);
    return pins.get(tenant, mailbox)
        .map(hash -> hash.orElse(null))
        .compose(hash -> guard.check(tenant, id, callerNumber, pin, hash, now))
        .compose(
            attempt ->
                attempt == Attempt.ACCEPTED
                    ? listing(tenant, mailbox)
                    : Future.succeededFuture(Opened.refused()));
  }

  private Future<Opened> listing(String tenant, String mailbox) {
    return messages
        .mailboxHeld(tenant, mailbox)
        .compose(
            held ->
                messages
                    .list(
                        tenant,
                        mailbox,
                        m ->
                            m.status() == VoicemailMessage.Status.NEW
                                || m.status() == VoicemailMessage.Status.HEARD,
                        null,
                        100)
                    .map(
                        page ->
                            new Opened(
                                Result.ACCEPTED,
                                page.items().stream()
                                    // Stable: newest first within new, then within heard.
                                    .sorted(
                                        Comparator.comparing(
                                            m -> m.status() != VoicemailMessage.Status.NEW))
                                    .map(m -> summary(m, held))
                                    .toList())));
  }

  private static Message summary(VoicemailMessage m, boolean mailboxHeld) {
    return new Message(
        m.id(),
        m.receivedAt(),
        m.from(),
        m.seconds(),
        m.status() == VoicemailMessage.Status.NEW,
        m.legalHold() || mailboxHeld);
  }

  @Override
  public Future<Void> save(String tenant, String mailbox, String messageId, Actor actor) {
    return markHeard(tenant, mailbox, messageId, actor, 1);
  }

  private Future<Void> markHeard(
      String tenant, String mailbox, String messageId, Actor actor, int retries) {
    return inMailbox(tenant, mailbox, messageId)
        .compose(
            found -> {
              if (found.isEmpty() || found.get().status() != VoicemailMessage.Status.NEW) {
                return Future.succeededFuture();
              }
              VoicemailMessage m = found.get();
              VoicemailMessage heard = heard(m);
              return messages
                  .update(tenant, m, heard, actor, "mark-heard")
                  .<Void>mapEmpty()
                  .recover(
                      failure ->
                          failure instanceof StoreException.VersionMismatch && retries > 0
                              ? markHeard(tenant, mailbox, messageId, actor, retries - 1)
                              : Future.failedFuture(failure));
            });
  }

  @Override
  public Future<Boolean> delete(
      String tenant, String mailbox, String messageId, Actor actor, String reason) {
    return inMailbox(tenant, mailbox, messageId)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(false)
                    : messages
                        .delete(tenant, found.get(), actor, reason)
                        .compose(
                            deleted ->
                                deleted
                                    ? removeAudio(tenant, messageId)
                                    : Future.succeededFuture(false)));
  }

  /** The record is gone (and audited); its audio goes too, a failure only logged. */
  private Future<Boolean> removeAudio(String tenant, String messageId) {
    return recordings
        .delete(tenant, messageId)
        .map(true)
        .otherwise(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("message", messageId)
                  .setCause(failure)
                  .log("deleted a message but could not remove its audio");
              return true;
            });
  }

  @Override
  public Future<Optional<byte[]>> wav(String tenant, String messageId) {
    return messages
        .get(tenant, messageId)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(Optional.<byte[]>empty())
                    : recordings
                        .read(found.get().recordingKey(), found.get().sha256())
                        .map(Optional::of));
  }

  private Future<Optional<VoicemailMessage>> inMailbox(
      String tenant, String mailbox, String messageId) {
    if (messageId == null || messageId.isBlank()) {
      return Future.succeededFuture(Optional.empty());
    }
    return messages
        .get(tenant, messageId)
        .map(found -> found.filter(m -> m.mailbox().equals(mailbox)));
  }

  private static VoicemailMessage heard(VoicemailMessage m) {
    return new VoicemailMessage(
        m.id(),
        m.mailbox(),
        m.callId(),
        m.from(),
        m.receivedAt(),
        m.seconds(),
        m.language(),
        m.recordingKey(),
        m.sha256(),
        m.bytes(),
        m.source(),
        VoicemailMessage.Status.HEARD,
        m.assignedTo(),
        m.note(),
        m.transcript(),
        m.legalHold(),
        m.handledAt(),
        m.version());
  }
}
