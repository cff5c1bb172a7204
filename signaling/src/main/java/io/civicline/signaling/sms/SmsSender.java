package io.civicline.signaling.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: every tick it takes each town's due texts (one per number, paced by the
 * outbox), sends them, and records the outcome. Any number of nodes can run one: claims are atomic.
 * A text to a resident who opted out is marked failed with Twilio's own code for it, 21610, and
 * never sent.
 */
public final class SmsSender {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
  static final String UNSUBSCRIBED = "21610";

  private final Vertx vertx;
  private final SmsOutbox outbox;
  private final SmsStore store;
  private final SmsTransport transport;
  private final ThreadListener listener;
  private final SmsSettings settings;
  private final Clock clock;
  private final AtomicBoolean draining = new AtomicBoolean();
  private long timer = -1;

  public SmsSender(
      Vertx vertx,
      SmsOutbox outbox,
      SmsStore store,
      SmsTransport transport,
      ThreadListener listener,
      SmsSettings settings,
      Clock clock) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.store = store;
    this.transport = transport;
    this.listener = listener;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts draining every tick; a tick is skipped while the previous drain is still running. */
  public void start() {
    timer =
        vertx.setPeriodic(
            settings.tick().toMillis(),
            id -> {
              if (draining.compareAndSet(false, true)) {
                drainOnce()
                    .onComplete(
                        done -> {
                          draining.set(false);
                          if (done.failed()) {
                            LOG.atWarn().setCause(done.cause()).log("text sender tick failed");
                          }
                        });
              }
            });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One pass over every town: sends what is due now; answers how many texts it handled. */
  public Future<Integer> drainOnce() {
    Instant now = clock.instant();
    return outbox
        .tenants()
        .compose(
            tenants -> {
              List<Future<Integer>> towns = new ArrayList<>();
              for (String tenant : tenants) {
                towns.add(drain(tenant, now));
              }
              return Future.all(towns).map(done -> towns.stream().mapToInt(Future::result).sum());
            });
  }

  private Future<Integer> drain(String tenant, Instant now) {
    return outbox
        .recover(tenant, now)
        .compose(recovered -> outbox.claim(tenant, now))
        .compose(
            jobs -> {
              List<Future<Void>> handled = new ArrayList<>();
              jobs.forEach(job -> handled.add(handle(job)));
              return Future.all(handled).map(done -> jobs.size());
            });
  }

  private Future<Void> handle(SmsOutbox.Job job) {
    if (job.blocked()) {
      return finish(
          job, "failed", Optional.of(UNSUBSCRIBED), Optional.of("the resident texted STOP"), null);
    }
    String callback = settings.statusCallback(job.tenant(), job.id());
    return transport
        .send(job.from(), job.to(), job.body(), callback)
        .transform(
            sent -> {
              if (sent.succeeded()) {
                return finish(job, "queued", Optional.empty(), Optional.empty(), sent.result());
              }
              return failed(job, SendOutcome.of(sent.cause()));
            });
  }

  private Future<Void> failed(SmsOutbox.Job job, SendOutcome outcome) {
    if (outcome.retry() && job.attempts() + 1 < settings.maxAttempts()) {
      Instant notBefore = clock.instant().plus(settings.backoff(job.attempts()));
      LOG.atInfo()
          .addKeyValue("tenant", job.tenant())
          .addKeyValue("message", job.id())
          .addKeyValue("attempt", job.attempts() + 1)
          .addKeyValue("retryAt", notBefore)
          .log("text send failed, will retry: " + outcome.errorMessage());
      return outbox.retry(job, notBefore);
    }
    return finish(
        job,
        "failed",
        outcome.errorCode().or(() -> Optional.of("retries-exhausted")),
        Optional.of(outcome.errorMessage()),
        null);
  }

  private Future<Void> finish(
      SmsOutbox.Job job,
      String status,
      Optional<String> code,
      Optional<String> message,
      String twilioSid) {
    return outbox
        .finish(job, status, code, message, Optional.ofNullable(twilioSid), clock.instant())
        .compose(v -> store.message(job.tenant(), job.id()))
        .map(
            stored -> {
              stored.ifPresent(m -> notify(job.tenant(), m));
              return (Void) null;
            });
  }

  private void notify(String tenant, SmsMessage message) {
    try {
      listener.onStatus(tenant, message);
    } catch (RuntimeException e) {
      // The outcome is stored; a failing listener must not make the sender retry the text.
      LOG.atError().setCause(e).log("thread listener failed");
    }
  }
}
