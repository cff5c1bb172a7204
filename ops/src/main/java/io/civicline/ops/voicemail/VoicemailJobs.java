package io.civicline.ops.voicemail;

import io.civicline.core.redis.Keys;
import io.civicline.voicemail.ingest.Reconciler;
import io.civicline.voicemail.notify.NotificationWorker;
import io.civicline.voicemail.retention.RetentionSweeper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicemail work that runs beside requests, on every node: announcing new messages (often) and
 * reconciling stored recordings with their records (at start and now and then). Each run covers
 * every tenant; runs never overlap on one node, and all of it is safe on several nodes.
 */
public final class VoicemailJobs {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailJobs.class);
  static final Duration NOTIFY_EVERY = Duration.ofSeconds(2);
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(10);
  static final Duration SWEEP_EVERY = Duration.ofHours(6);

  private final Vertx vertx;
  private final Redis redis;
  private final Optional<NotificationWorker> notifications;
  private final Reconciler reconciler;
  private final RetentionSweeper sweeper;
  private final MailboxPolicies policies;
  private final java.time.Clock clock;
  private final List<Long> timers = new ArrayList<>();
  private boolean notifying;

  public VoicemailJobs(
      Vertx vertx,
      Redis redis,
      Optional<NotificationWorker> notifications,
      Reconciler reconciler,
      RetentionSweeper sweeper,
      MailboxPolicies policies,
      java.time.Clock clock) {
    this.sweeper = sweeper;
    this.policies = policies;
    this.clock = clock;
    this.vertx = vertx;
    this.redis = redis;
    this.notifications = notifications;
    this.reconciler = reconciler;
  }

  public void start() {
    reconcileAll();
    timers.add(vertx.setPeriodic(RECONCILE_EVERY.toMillis(), id -> reconcileAll()));
    timers.add(vertx.setPeriodic(SWEEP_EVERY.toMillis(), id -> sweepAll()));
    notifications.ifPresent(
        worker -> timers.add(vertx.setPeriodic(NOTIFY_EVERY.toMillis(), id -> notifyAll(worker))));
    if (notifications.isEmpty()) {
      LOG.info("voicemail email notifications are off: no SMTP server configured (smtp.host)");
    }
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
  }

  private Future<List<String>> tenants() {
    return redis
        .send(Request.cmd(Command.ZRANGE).arg(Keys.platform("tenants")).arg(0).arg(-1))
        .map(
            ids -> {
              List<String> list = new ArrayList<>();
              ids.forEach(id -> list.add(id.toString()));
              return list;
            });
  }

  private void notifyAll(NotificationWorker worker) {
    if (notifying) {
      return;
    }
    notifying = true;
    tenants()
        .compose(list -> forEach(list, worker::runOnce))
        .onComplete(done -> notifying = false)
        .onFailure(failure -> LOG.atWarn().setCause(failure).log("notification run failed"));
  }

  private void reconcileAll() {
    tenants()
        .compose(
            list ->
                forEach(
                    list,
                    tenant ->
                        reconciler
                            .reconcile(tenant)
                            .onSuccess(
                                recovered -> {
                                  if (!recovered.isEmpty()) {
                                    LOG.atWarn()
                                        .addKeyValue("tenant", tenant)
                                        .addKeyValue("messages", recovered)
                                        .log("recovered voicemail records from stored recordings");
                                  }
                                })))
        .onFailure(failure -> LOG.atWarn().setCause(failure).log("reconciliation failed"));
  }

  /** Deletes what each mailbox's retention policy lets go (never anything on legal hold). */
  public Future<Void> sweepAll() {
    return tenants()
        .compose(
            list ->
                forEach(
                    list,
                    tenant ->
                        policies
                            .of(tenant)
                            .compose(byMailbox -> sweeper.sweep(tenant, byMailbox, clock.instant()))
                            .onSuccess(
                                report -> {
                                  if (!report.deleted().isEmpty()) {
                                    LOG.atInfo()
                                        .addKeyValue("tenant", tenant)
                                        .addKeyValue("deleted", report.deletedIds().size())
                                        .log("retention sweep");
                                  }
                                })))
        .onFailure(failure -> LOG.atWarn().setCause(failure).log("retention sweep failed"));
  }

  private static <T> Future<Void> forEach(
      List<String> tenants, java.util.function.Function<String, Future<T>> work) {
    Future<Void> chain = Future.succeededFuture();
    for (String tenant : tenants) {
      chain =
          chain.compose(
              v ->
                  work.apply(tenant).<Void>mapEmpty().recover(failure -> Future.succeededFuture()));
    }
    return chain;
  }
}
