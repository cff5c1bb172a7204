package io.civicline.mobileapi.events;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.redis.Keys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A town's staff events in one Redis stream, in the order every node sees: the stream id is the
 * event's sequence. The newest {@value #KEEP} are kept, enough for an app that was offline for a
 * while to catch up; older gaps are reported so the app reloads instead.
 */
public final class StaffEventLog implements StaffEvents {
  static final int KEEP = 10_000;

  /** One stored event with its sequence. */
  public record Entry(String sequence, StaffEvent event) {}

  private final Redis redis;

  public StaffEventLog(Redis redis) {
    this.redis = redis;
  }

  static String key(String tenant) {
    return Keys.tenant(tenant, "staff-events");
  }

  @Override
  public Future<String> publish(String tenant, StaffEvent event) {
    return redis
        .send(
            Request.cmd(Command.XADD)
                .arg(key(tenant))
                .arg("MAXLEN")
                .arg("~")
                .arg(KEEP)
                .arg("*")
                .arg("event")
                .arg(event.toJson().encode()))
        .map(Response::toString);
  }

  /** Events after {@code sequence}, oldest first, at most {@code count}. */
  public Future<List<Entry>> after(String tenant, String sequence, int count) {
    return redis
        .send(
            Request.cmd(Command.XRANGE)
                .arg(key(tenant))
                .arg("(" + sequence)
                .arg("+")
                .arg("COUNT")
                .arg(count))
        .map(StaffEventLog::entries);
  }

  /** The oldest sequence still kept, if any. */
  public Future<Optional<String>> oldest(String tenant) {
    return redis
        .send(Request.cmd(Command.XRANGE).arg(key(tenant)).arg("-").arg("+").arg("COUNT").arg(1))
        .map(StaffEventLog::entries)
        .map(list -> list.stream().findFirst().map(Entry::sequence));
  }

  /** The newest sequence, if any: where a live feed starts. */
  public Future<Optional<String>> newest(String tenant) {
    return redis
        .send(Request.cmd(Command.XREVRANGE).arg(key(tenant)).arg("+").arg("-").arg("COUNT").arg(1))
        .map(StaffEventLog::entries)
        .map(list -> list.stream().findFirst().map(Entry::sequence));
  }

  /** Parses an XRANGE / XREAD entry list: [[id, [field, value, ...]], ...]. */
  static List<Entry> entries(Response list) {
    List<Entry> entries = new ArrayList<>();
    if (list == null) {
      return entries;
    }
    for (Response entry : list) {
      Response fields = entry.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("event".equals(fields.get(i).toString())) {
          entries.add(
              new Entry(
                  entry.get(0).toString(),
                  StaffEvent.fromJson(new JsonObject(fields.get(i + 1).toString()))));
        }
      }
    }
    return entries;
  }
}
