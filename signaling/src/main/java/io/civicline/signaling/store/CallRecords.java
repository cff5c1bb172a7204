package io.civicline.signaling.store;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.civicline.core.store.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A tenant's call records, newest first. Each record is written once, atomically with its place in
 * the time index; writing the same call again replaces it (a retried final webhook).
 */
public final class CallRecords {
  private static final LuaScript PUT =
      new LuaScript(
          """
          redis.call('SET', KEYS[1], ARGV[1])
          redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
          return 'ok'
          """);

  private final Redis redis;

  public CallRecords(Redis redis) {
    this.redis = redis;
  }

  static String recordKey(String tenant, String callId) {
    return Keys.tenant(tenant, "cdr", callId);
  }

  static String indexKey(String tenant) {
    return Keys.tenant(tenant, "cdr-index");
  }

  public Future<Void> put(String tenant, CallRecord record) {
    return PUT.run(
            redis,
            List.of(recordKey(tenant, record.callId()), indexKey(tenant)),
            List.of(
                record.toJson().encode(),
                String.valueOf(record.startedAt().toEpochMilli()),
                record.callId()))
        .mapEmpty();
  }

  public Future<Optional<JsonObject>> get(String tenant, String callId) {
    return redis
        .send(Request.cmd(Command.GET).arg(recordKey(tenant, callId)))
        .map(value -> Optional.ofNullable(value).map(v -> new JsonObject(v.toString())));
  }

  /**
   * Records older than {@code cursor} and within the optional window, newest first, keeping those
   * {@code filter} accepts. The cursor is {@code <start millis>:<call id>} of the last record of
   * the previous page (a bare millisecond value is accepted too), so records that started in the
   * same millisecond are never skipped at a page boundary.
   */
  public Future<Page<JsonObject>> list(
      String tenant,
      Optional<Instant> since,
      Optional<Instant> until,
      String cursor,
      int limit,
      Predicate<JsonObject> filter) {
    String min = since.map(s -> String.valueOf(s.toEpochMilli())).orElse("-inf");
    if (cursor == null) {
      String max = until.map(u -> String.valueOf(u.toEpochMilli())).orElse("+inf");
      return scan(tenant, new Position(max, null), min, limit, filter, new ArrayList<>());
    }
    int colon = cursor.indexOf(':');
    Position after =
        colon < 0
            ? new Position("(" + cursor, null)
            : new Position(cursor.substring(0, colon), cursor.substring(colon + 1));
    return scan(tenant, after, min, limit, filter, new ArrayList<>());
  }

  /**
   * Where a scan resumes: at most {@code max} (a ZRANGE score bound), and among records of exactly
   * that score only those ordered after {@code afterId} (reverse lexical order, as Redis lists
   * equal scores newest-first).
   */
  private record Position(String max, String afterId) {
    boolean passed(String score, String callId) {
      return afterId == null || !score.equals(max) || callId.compareTo(afterId) < 0;
    }
  }

  /** Reads index pages until {@code limit} records pass the filter or the index runs out. */
  private Future<Page<JsonObject>> scan(
      String tenant,
      Position from,
      String min,
      int limit,
      Predicate<JsonObject> filter,
      List<JsonObject> found) {
    int batch = Math.max(limit * 2, 50);
    Request range =
        Request.cmd(Command.ZREVRANGEBYSCORE)
            .arg(indexKey(tenant))
            .arg(from.max())
            .arg(min)
            .arg("WITHSCORES")
            .arg("LIMIT")
            .arg(0)
            .arg(batch);
    return redis
        .send(range)
        .compose(
            ids -> {
              List<String> callIds = new ArrayList<>();
              List<String> scores = new ArrayList<>();
              collect(ids, callIds, scores);
              List<Integer> kept = new ArrayList<>();
              for (int i = 0; i < callIds.size(); i++) {
                if (from.passed(scores.get(i), callIds.get(i))) {
                  kept.add(i);
                }
              }
              if (kept.isEmpty()) {
                return Future.succeededFuture(new Page<>(List.copyOf(found), Optional.empty()));
              }
              List<Request> reads =
                  kept.stream()
                      .map(i -> Request.cmd(Command.GET).arg(recordKey(tenant, callIds.get(i))))
                      .toList();
              return redis
                  .batch(reads)
                  .compose(
                      records -> {
                        for (int k = 0; k < records.size(); k++) {
                          int i = kept.get(k);
                          Response record = records.get(k);
                          if (record == null) {
                            continue;
                          }
                          JsonObject json = new JsonObject(record.toString());
                          if (filter.test(json)) {
                            found.add(json);
                            if (found.size() == limit) {
                              String next = scores.get(i) + ":" + callIds.get(i);
                              return Future.succeededFuture(
                                  new Page<>(List.copyOf(found), Optional.of(next)));
                            }
                          }
                        }
                        if (callIds.size() < batch) {
                          return Future.succeededFuture(
                              new Page<>(List.copyOf(found), Optional.empty()));
                        }
                        int last = callIds.size() - 1;
                        return scan(
                            tenant,
                            new Position(scores.get(last), callIds.get(last)),
                            min,
                            limit,
                            filter,
                            found);
                      });
            });
  }

  /** ZRANGE WITHSCORES answers flat pairs in RESP2 and nested pairs in RESP3. */
  private static void collect(Response ids, List<String> callIds, List<String> scores) {
    if (ids.size() > 0 && ids.get(0).type() == io.vertx.redis.client.ResponseType.MULTI) {
      for (Response pair : ids) {
        callIds.add(pair.get(0).toString());
        scores.add(String.valueOf(pair.get(1).toLong()));
      }
      return;
    }
    for (int i = 0; i + 1 < ids.size(); i += 2) {
      callIds.add(ids.get(i).toString());
      scores.add(String.valueOf(Double.valueOf(ids.get(i + 1).toString()).longValue()));
    }
  }
}
