package io.civicline.voicemail.retention;

import io.civicline.core.store.Actor;
import io.civicline.core.store.Page;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the messages a tenant's retention policies say are due, and nothing else: never a message
 * on legal hold (its own or its mailbox's — the store checks both atomically with the deletion),
 * never one that changed since it was read.
 *
 * <p>Each deletion removes the record first, through {@link MessageStore#deleteUnchanged}, which
 * audits it with the policy's reason and keeps the recording's id so nothing brings the message
 * back; then the audio. A sweep that stops between the two leaves an orphan file, never a record
 * without audio, and {@link #removeOrphans} (run at the end of every sweep) removes such files.
 *
 * <p>Safe to run at the same time on several nodes: a message another node deleted first is simply
 * skipped, and each deletion is audited once.
 */
public final class RetentionSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  static final Actor ACTOR = new Actor("system:voicemail-retention", "Voicemail retention");
  static final int PAGE = 100;

  private final MessageStore messages;
  private final RecordingStore recordings;
  private final int page;

  public RetentionSweeper(MessageStore messages, RecordingStore recordings) {
    this(messages, recordings, PAGE);
  }

  RetentionSweeper(MessageStore messages, RecordingStore recordings, int page) {
    this.messages = messages;
    this.recordings = recordings;
    this.page = page;
  }

  /**
   * Sweeps the mailboxes named in {@code policies} (others are left alone) as of {@code now}, then
   * removes orphaned recordings of the tenant.
   */
  public Future<SweepReport> sweep(
      String tenant, Map<String, RetentionPolicy> policies, Instant now) {
    Progress progress = new Progress();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, RetentionPolicy> entry : new TreeMap<>(policies).entrySet()) {
      chain =
          chain.compose(v -> sweepMailbox(tenant, entry.getKey(), entry.getValue(), now, progress));
    }
    return chain
        .compose(v -> removeOrphans(tenant))
        .map(
            orphans -> {
              SweepReport report =
                  new SweepReport(progress.deleted, progress.held, progress.changed, orphans);
              LOG.atInfo()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("deleted", report.deleted().size())
                  .addKeyValue("held", report.held().size())
                  .addKeyValue("changed", report.changed().size())
                  .addKeyValue("orphansRemoved", report.orphansRemoved().size())
                  .log("voicemail retention sweep");
              return report;
            });
  }

  private static final class Progress {
    final List<SweepReport.Deleted> deleted = new ArrayList<>();
    final List<String> held = new ArrayList<>();
    final List<String> changed = new ArrayList<>();
  }

  private Future<Void> sweepMailbox(
      String tenant, String mailbox, RetentionPolicy policy, Instant now, Progress progress) {
    Predicate<VoicemailMessage> due = m -> policy.expiryReasonDisregardingHold(m, now).isPresent();
    return messages
        .mailboxHeld(tenant, mailbox)
        .compose(
            mailboxHeld ->
                sweepPage(tenant, mailbox, policy, now, due, mailboxHeld, null, progress));
  }

  private Future<Void> sweepPage(
      String tenant,
      String mailbox,
      RetentionPolicy policy,
      Instant now,
      Predicate<VoicemailMessage> due,
      boolean mailboxHeld,
      String cursor,
      Progress progress) {
    return messages
        .list(tenant, mailbox, due, cursor, page)
        .compose(
            (Page<VoicemailMessage> found) -> {
              Future<Void> chain = Future.succeededFuture();
              for (VoicemailMessage message : found.items()) {
                chain =
                    chain.compose(v -> expire(tenant, message, policy, now, mailboxHeld, progress));
              }
              return chain.compose(
                  v ->
                      found.next().isEmpty()
                          ? Future.<Void>succeededFuture()
                          : sweepPage(
                              tenant,
                              mailbox,
                              policy,
                              now,
                              due,
                              mailboxHeld,
                              found.next().get(),
                              progress));
            });
  }

  private Future<Void> expire(
      String tenant,
      VoicemailMessage message,
      RetentionPolicy policy,
      Instant now,
      boolean mailboxHeld,
      Progress progress) {
    Optional<String> reason = policy.expiryReason(message, now);
    if (reason.isEmpty() || mailboxHeld) {
      progress.held.add(message.id());
      return Future.succeededFuture();
    }
    return messages
        .deleteUnchanged(tenant, message, ACTOR, reason.get())
        .compose(
            outcome ->
                switch (outcome) {
                  case DELETED -> {
                    progress.deleted.add(
                        new SweepReport.Deleted(message.id(), message.mailbox(), reason.get()));
                    yield deleteAudio(tenant, message.id());
                  }
                  // Deleted by another node (or by staff): its audio goes too, whoever gets there.
                  case NOT_FOUND -> deleteAudio(tenant, message.id());
                  case HELD -> {
                    progress.held.add(message.id());
                    yield Future.<Void>succeededFuture();
                  }
                  case CHANGED -> {
                    progress.changed.add(message.id());
                    yield Future.<Void>succeededFuture();
                  }
                });
  }

  /** The record is gone already; a failure here leaves an orphan for {@link #removeOrphans}. */
  private Future<Void> deleteAudio(String tenant, String id) {
    return recordings
        .delete(tenant, id)
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("message", id)
                  .setCause(failure)
                  .log("deleted message's audio not removed; left for the orphan cleanup");
              return Future.succeededFuture();
            });
  }

  /**
   * Removes recordings whose message was deleted: those whose carrier recording is known to the
   * store (so the message was recorded) but whose record is gone. A recording whose message was
   * never recorded is left for the {@link io.civicline.voicemail.ingest.Reconciler}. Answers the
   * ids removed.
   */
  public Future<List<String>> removeOrphans(String tenant) {
    return recordings
        .messageIds(tenant)
        .compose(
            ids -> {
              List<String> removed = new ArrayList<>();
              Future<Void> chain = Future.succeededFuture();
              for (String id : ids) {
                chain = chain.compose(v -> removeIfOrphan(tenant, id, removed));
              }
              return chain.map(v -> List.copyOf(removed));
            });
  }

  private Future<Void> removeIfOrphan(String tenant, String id, List<String> removed) {
    return recordings
        .sidecar(tenant, id)
        .compose(
            sidecar -> {
              if (sidecar.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              String source = new JsonObject(sidecar.get()).getString("source");
              if (source == null || source.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              // The recording's id first, then the record: a message is recorded with its
              // recording's id in one step, and never recorded again once deleted, so known and
              // absent means deleted. (The other order could catch an ingest in between.)
              return messages
                  .messageFor(tenant, source)
                  .compose(
                      known -> {
                        if (known.isEmpty() || !known.get().equals(id)) {
                          return Future.<Void>succeededFuture();
                        }
                        return messages
                            .get(tenant, id)
                            .compose(
                                record -> {
                                  if (record.isPresent()) {
                                    return Future.<Void>succeededFuture();
                                  }
                                  return recordings
                                      .delete(tenant, id)
                                      .onSuccess(v -> removed.add(id))
                                      .recover(
                                          failure -> {
                                            LOG.atWarn()
                                                .addKeyValue("tenant", tenant)
                                                .addKeyValue("message", id)
                                                .setCause(failure)
                                                .log("orphaned recording not removed");
                                            return Future.succeededFuture();
                                          });
                                });
                      });
            })
        .recover(
            failure -> {
              if (failure instanceof DecodeException
                  || failure instanceof ClassCastException
                  || failure instanceof IllegalArgumentException) {
                LOG.atWarn()
                    .addKeyValue("tenant", tenant)
                    .addKeyValue("message", id)
                    .setCause(failure)
                    .log("recording with an unreadable sidecar left alone");
                return Future.succeededFuture();
              }
              return Future.failedFuture(failure);
            });
  }
}
