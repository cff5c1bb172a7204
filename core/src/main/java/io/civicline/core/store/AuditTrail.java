package io.civicline.core.store;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a scope's audit stream, newest first. The records are written by {@link DocumentStore}'s
 * scripts in the same atomic step as the change they describe.
 */
public final class AuditTrail {
  private final Redis redis;

  public AuditTrail(Redis redis) {
    this.redis = redis;
  }

  /** Entries older than {@code cursor} (a stream id), newest first. */
  public Future<Page<AuditEntry>> list(String scope, String cursor, int limit) {
    String end = cursor == null ? "+" : "(" + cursor;
    Request range =
        Request.cmd(Command.XREVRANGE)
            .arg(DocumentStore.auditKey(scope))
            .arg(end)
            .arg("-")
            .arg("COUNT")
            .arg(limit + 1);
    return redis.send(range).map(response -> page(response, limit));
  }

  private static Page<AuditEntry> page(Response response, int limit) {
    List<AuditEntry> entries = new ArrayList<>();
    for (Response entry : response) {
      entries.add(decode(entry));
    }
    boolean more = entries.size() > limit;
    List<AuditEntry> items = more ? entries.subList(0, limit) : entries;
    Optional<String> next = more ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty();
    return new Page<>(List.copyOf(items), next);
  }

  private static AuditEntry decode(Response entry) {
    String id = entry.get(0).toString();
    Response pairs = entry.get(1);
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
    }
    return new AuditEntry(
        id,
        Instant.parse(fields.get("at")),
        new JsonObject(fields.get("actor")),
        fields.get("action"),
        fields.get("resource"),
        Long.parseLong(fields.getOrDefault("version", "0")),
        Json.decodeValue(fields.getOrDefault("before", "null")),
        Json.decodeValue(fields.getOrDefault("after", "null")));
  }
}
