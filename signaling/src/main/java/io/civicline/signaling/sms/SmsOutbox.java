package io.civicline.signaling.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of outgoing texts: one FIFO per town number, paced so each number sends at most
 * one text per interval, with a lease on each text being sent so a crash mid-send puts it back
 * (at-least-once: a text whose send succeeded just before a crash may go twice).
 */
public final class SmsOutbox {
  private static final int MAX_NUMBERS_PER_CLAIM = 50;

  private final Redis redis;
  private final Duration interval;
  private final Duration lease;

  public SmsOutbox(Redis redis, Duration interval, Duration lease) {
    this.redis = redis;
    this.interval = interval;
    this.lease = lease;
  }

  /** A text taken for sending. {@code blocked}: its resident opted out; never send it. */
  public record Job(
      String id,
      String tenant,
      String from,
      String to,
      String body,
      int attempts,
      boolean blocked) {
    String encode() {
      return SmsStore.job(id, tenant, from, to, body, attempts);
    }
  }

  /** Towns that have queued texts at some point. */
  public Future<List<String>> tenants() {
    return redis
        .send(Request.cmd(Command.SMEMBERS).arg(SmsKeys.outTenants()))
        .map(response -> names(response));
  }

  /** The next text of every number of the town that may send now (one per number). */
  public Future<List<Job>> claim(String tenant, Instant now) {
    Request due =
        Request.cmd(Command.ZRANGEBYSCORE)
            .arg(SmsKeys.outDue(tenant))
            .arg("-inf")
            .arg(now.toEpochMilli())
            .arg("LIMIT")
            .arg(0)
            .arg(MAX_NUMBERS_PER_CLAIM);
    return redis
        .send(due)
        .compose(
            response -> {
              List<String> numbers = names(response);
              if (numbers.isEmpty()) {
                return Future.succeededFuture(List.of());
              }
              List<String> keys =
                  new ArrayList<>(
                      List.of(
                          SmsKeys.outDue(tenant),
                          SmsKeys.outPace(tenant),
                          SmsKeys.outInFlight(tenant),
                          SmsKeys.outJobs(tenant),
                          SmsKeys.optOuts(tenant)));
              List<String> args =
                  new ArrayList<>(
                      List.of(
                          SmsStore.millis(now),
                          String.valueOf(interval.toMillis()),
                          String.valueOf(lease.toMillis())));
              for (String number : numbers) {
                keys.add(SmsKeys.outQueue(tenant, number));
                args.add(number);
              }
              return SmsLua.CLAIM.run(redis, keys, args).map(SmsOutbox::jobs);
            });
  }

  /** The sender is done with a text: record its outcome and drop it from the queue. */
  public Future<Void> finish(
      Job job,
      String status,
      Optional<String> errorCode,
      Optional<String> errorMessage,
      Optional<String> twilioSid,
      Instant now) {
    List<String> keys =
        List.of(
            SmsKeys.message(job.tenant(), job.id()),
            SmsKeys.outInFlight(job.tenant()),
            SmsKeys.outJobs(job.tenant()));
    return SmsLua.STATUS
        .run(
            redis,
            keys,
            SmsStore.statusArgs(job.id(), status, errorCode, errorMessage, twilioSid, now))
        .mapEmpty();
  }

  /** Puts a text back first in its number's queue; the number waits until {@code notBefore}. */
  public Future<Void> retry(Job job, Instant notBefore) {
    Job again =
        new Job(
            job.id(), job.tenant(), job.from(), job.to(), job.body(), job.attempts() + 1, false);
    return requeue(again, notBefore, "").mapEmpty();
  }

  /**
   * Puts back texts whose sender vanished (lease ended) so another sender takes them; answers how
   * many.
   */
  public Future<Integer> recover(String tenant, Instant now) {
    Request expired =
        Request.cmd(Command.ZRANGEBYSCORE)
            .arg(SmsKeys.outInFlight(tenant))
            .arg("-inf")
            .arg(now.toEpochMilli())
            .arg("LIMIT")
            .arg(0)
            .arg(100);
    return redis
        .send(expired)
        .compose(
            ids -> {
              List<Future<Boolean>> puts = new ArrayList<>();
              for (String id : names(ids)) {
                puts.add(
                    redis
                        .send(Request.cmd(Command.HGET).arg(SmsKeys.outJobs(tenant)).arg(id))
                        .compose(
                            job ->
                                job == null
                                    ? Future.succeededFuture(false)
                                    : requeue(decode(job.toString(), false), now, now)));
              }
              return Future.all(puts)
                  .map(done -> (int) puts.stream().filter(Future::result).count());
            });
  }

  private Future<Boolean> requeue(Job job, Instant notBefore, Object expiredBy) {
    String tenant = job.tenant();
    List<String> keys =
        List.of(
            SmsKeys.outInFlight(tenant),
            SmsKeys.outJobs(tenant),
            SmsKeys.outDue(tenant),
            SmsKeys.outPace(tenant),
            SmsKeys.outQueue(tenant, job.from()));
    String by = expiredBy instanceof Instant at ? SmsStore.millis(at) : "";
    List<String> args = List.of(job.id(), job.encode(), SmsStore.millis(notBefore), job.from(), by);
    return SmsLua.REQUEUE.run(redis, keys, args).map(r -> "requeued".equals(r.toString()));
  }

  private static List<Job> jobs(Response triples) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i + 2 < triples.size(); i += 3) {
      jobs.add(decode(triples.get(i + 1).toString(), "1".equals(triples.get(i + 2).toString())));
    }
    return jobs;
  }

  private static Job decode(String json, boolean blocked) {
    JsonObject job = new JsonObject(json);
    return new Job(
        job.getString("id"),
        job.getString("tenant"),
        job.getString("from"),
        job.getString("to"),
        job.getString("body"),
        job.getInteger("attempts", 0),
        blocked);
  }

  private static List<String> names(Response response) {
    List<String> names = new ArrayList<>();
    if (response != null) {
      response.forEach(item -> names.add(item.toString()));
    }
    return names;
  }
}
