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
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A tenant's call records, newest first. Each record is written once, atomically with its place in
 * the time index and in the indexes of each staff member it rang (or who answered it) and each
 * department it reached; writing the same call again replaces it (a retried final webhook).
 */
public final class CallRecords {
  private static final LuaScript PUT =
      new LuaScript(
          """
          redis.call('SET', KEYS[1], ARGV[1])
          for i = 2, #KEYS do
            redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3])
          end
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

  static String staffIndexKey(String tenant, String staffId) {
    return Keys.tenant(tenant, "cdr-index", "staff", staffId);
  }

  static String departmentIndexKey(String tenant, String department) {
    return Keys.tenant(tenant, "cdr-index", "department", department);
  }

  public Future<Void> put(String tenant, CallRecord record) {
    List<String> keys = new ArrayList<>();
    keys.add(recordKey(tenant, record.callId()));
    keys.add(indexKey(tenant));
    Set<String> staff = new LinkedHashSet<>(record.rung());
    record.answeredBy().ifPresent(staff::add);
    staff.forEach(id -> keys.add(staffIndexKey(tenant, id)));
    record.departments().forEach(d -> keys.add(departmentIndexKey(tenant, d)));
    return PUT.run(
            redis,
            keys,
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
      return scan(
          tenant,
          List.of(indexKey(tenant)),
          new Position(max, null),
          min,
          limit,
          filter,
          new ArrayList<>());
    }
    return scan(
        tenant, List.of(indexKey(tenant)), after(cursor), min, limit, filter, new ArrayList<>());
  }

  /**
   * Records of calls that rang this staff member (or that they answered), newest first, paged as
   * {@link #list}.
   */
  public Future<Page<JsonObject>> listForStaff(
      String tenant, String staffId, String cursor, int limit, Predicate<JsonObject> filter) {
    return scan(
        tenant,
        List.of(staffIndexKey(tenant, staffId)),
        cursor == null ? new Position("+inf", null) : after(cursor),
        "-inf",
        limit,
        filter,
        new ArrayList<>());
  }

  /**
   * Records of calls that reached any of these departments, newest first and each once, paged as
   * {@link #list}.
   */
  public Future<Page<JsonObject>> listForDepartments(
      String tenant,
      Collection<String> departments,
      String cursor,
      int limit,
      Predicate<JsonObject> filter) {
    if (departments.isEmpty()) {
      return Future.succeededFuture(new Page<>(List.of(), Optional.empty()));
    }
    return scan(
        tenant,
        departments.stream().map(d -> departmentIndexKey(tenant, d)).toList(),
        cursor == null ? new Position("+inf", null) : after(cursor),
        "-inf",
        limit,
        filter,
        new ArrayList<>());
  }

  private static Position after(String cursor) {
    int colon = cursor.indexOf(':');
    return colon < 0
        ? new Position("(" + cursor, null)
        : new Position(cursor.substring(0, colon), cursor.substring(colon + 1));
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

  /** One index entry: a call and its start time in milliseconds (the score). */
  private record Entry(String score, String callId) {
    /** Newest first; equal scores in reverse lexical order of call id, as Redis lists them. */
    static final Comparator<Entry> ORDER =
        Comparator.comparingLong((Entry e) -> Long.parseLong(e.score()))
            .thenComparing(Entry::callId)
            .reversed();
  }

  /**
   * Reads index pages until {@code limit} records pass the filter or the indexes run out. With
   * several indexes each round reads a batch of each and merges them; only entries down to the
   * earliest point every index has been read to are certain, so the next round resumes there.
   */
  private Future<Page<JsonObject>> scan(
      String tenant,
      List<String> indexes,
      Position from,
      String min,
      int limit,
      Predicate<JsonObject> filter,
      List<JsonObject> found) {
    int batch = Math.max(limit * 2, 50);
    List<Request> ranges =
        indexes.stream()
            .map(
                index ->
                    Request.cmd(Command.ZREVRANGEBYSCORE)
                        .arg(index)
                        .arg(from.max())
                        .arg(min)
                        .arg("WITHSCORES")
                        .arg("LIMIT")
                        .arg(0)
                        .arg(batch))
            .toList();
    return redis
        .batch(ranges)
        .compose(
            answers -> {
              TreeSet<Entry> merged = new TreeSet<>(Entry.ORDER);
              Entry frontier = null;
              for (Response answer : answers) {
                List<String> callIds = new ArrayList<>();
                List<String> scores = new ArrayList<>();
                collect(answer, callIds, scores);
                for (int i = 0; i < callIds.size(); i++) {
                  if (from.passed(scores.get(i), callIds.get(i))) {
                    merged.add(new Entry(scores.get(i), callIds.get(i)));
                  }
                }
                if (callIds.size() == batch) {
                  Entry last = new Entry(scores.getLast(), callIds.getLast());
                  // the index has more beyond its last entry: nothing after it is certain yet
                  if (frontier == null || Entry.ORDER.compare(last, frontier) < 0) {
                    frontier = last;
                  }
                }
              }
              List<Entry> certain =
                  frontier == null
                      ? List.copyOf(merged)
                      : List.copyOf(merged.headSet(frontier, true));
              if (certain.isEmpty()) {
                return Future.succeededFuture(new Page<>(List.copyOf(found), Optional.empty()));
              }
              Entry resume = frontier;
              List<Request> reads =
                  certain.stream()
                      .map(e -> Request.cmd(Command.GET).arg(recordKey(tenant, e.callId())))
                      .toList();
              return redis
                  .batch(reads)
                  .compose(
                      records -> {
                        for (int k = 0; k < records.size(); k++) {
                          Response record = records.get(k);
                          if (record == null) {
                            continue;
                          }
                          JsonObject json = new JsonObject(record.toString());
                          if (filter.test(json)) {
                            found.add(json);
                            if (found.size() == limit) {
                              Entry at = certain.get(k);
                              return Future.succeededFuture(
                                  new Page<>(
                                      List.copyOf(found),
                                      Optional.of(at.score() + ":" + at.callId())));
                            }
                          }
                        }
                        if (resume == null) {
                          return Future.succeededFuture(
                              new Page<>(List.copyOf(found), Optional.empty()));
                        }
                        return scan(
                            tenant,
                            indexes,
                            new Position(resume.score(), resume.callId()),
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
