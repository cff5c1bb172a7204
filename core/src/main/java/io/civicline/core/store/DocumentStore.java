package io.civicline.core.store;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Tenant-scoped JSON documents in Redis, versioned for optimistic concurrency, with referential
 * integrity, unique values and an audit record written in the same Lua script as the change.
 *
 * <p>Layout, all in the scope's hash-tag slot (a tenant's, or the platform's): {@code
 * doc:<collection>:<id>} (hash: v, body, refs, uniq, created, updated), {@code idx:<collection>}
 * (sorted set of ids, for paging), {@code refs:<collection>:<id>} (who refers to it), {@code
 * uniq:<constraint>} (value to id) and {@code audit} (stream).
 */
public final class DocumentStore {
  private static final LuaScript WRITE = LuaScript.resource(DocumentStore.class, "write.lua");
  private static final LuaScript DELETE = LuaScript.resource(DocumentStore.class, "delete.lua");
  private static final String[] FIELDS = {"v", "body", "refs", "uniq", "created", "updated"};

  /**
   * The scope of platform-wide documents (shared calendars, API tokens); a reserved name no tenant
   * can take.
   */
  public static final String PLATFORM = "platform";

  private final Redis redis;
  private final Clock clock;

  public DocumentStore(Redis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** What to write: the validated body plus the references and unique values it carries. */
  public record Write(
      String tenant,
      String collection,
      String id,
      JsonObject body,
      List<Ref> refs,
      List<UniqueValue> uniques,
      Actor actor) {}

  public Future<Optional<Stored>> get(String tenant, String collection, String id) {
    return redis
        .send(hmget(docKey(tenant, collection, id)))
        .map(response -> decode(collection, id, response));
  }

  /** The id of the document that holds {@code value} of a unique constraint, if any does. */
  public Future<Optional<String>> holder(String tenant, String constraint, String value) {
    return redis
        .send(Request.cmd(Command.HGET).arg(uniqueKey(tenant, constraint)).arg(value))
        .map(found -> Optional.ofNullable(found).map(Object::toString));
  }

  /** Ids in order after {@code cursor} (exclusive), {@code limit} at most, with the bodies. */
  public Future<Page<Stored>> list(String tenant, String collection, String cursor, int limit) {
    String from = cursor == null ? "-" : "(" + cursor;
    Request range =
        Request.cmd(Command.ZRANGEBYLEX)
            .arg(indexKey(tenant, collection))
            .arg(from)
            .arg("+")
            .arg("LIMIT")
            .arg(0)
            .arg(limit + 1);
    return redis.send(range).compose(ids -> page(tenant, collection, ids, limit));
  }

  /** Number of documents in a collection. */
  public Future<Long> count(String tenant, String collection) {
    return redis
        .send(Request.cmd(Command.ZCARD).arg(indexKey(tenant, collection)))
        .map(Response::toLong);
  }

  /** Creates a document; fails with {@link StoreException.AlreadyExists} if the id is taken. */
  public Future<Stored> create(Write write) {
    return run(write, 0, List.of(), List.of());
  }

  /**
   * Replaces a document if it is still at {@code expectedVersion}; otherwise fails with {@link
   * StoreException.VersionMismatch}.
   */
  public Future<Stored> replace(Write write, long expectedVersion) {
    return get(write.tenant(), write.collection(), write.id())
        .compose(
            current -> {
              Stored old = current.orElseThrow(() -> new StoreException.NotFound(label(write)));
              if (old.version() != expectedVersion) {
                throw new StoreException.VersionMismatch(label(write), old.version());
              }
              return run(write, expectedVersion, old.refs(), old.uniques());
            });
  }

  /**
   * Deletes a document unless another refers to it or, when {@code mustBeEmpty} names collections,
   * while any of them still holds documents.
   */
  public Future<Void> delete(
      String tenant,
      String collection,
      String id,
      OptionalLong expectedVersion,
      Actor actor,
      List<String> mustBeEmpty) {
    return get(tenant, collection, id)
        .compose(
            current -> {
              Stored old =
                  current.orElseThrow(() -> new StoreException.NotFound(collection + "/" + id));
              return runDelete(old, tenant, expectedVersion, actor, mustBeEmpty);
            });
  }

  private Future<Void> runDelete(
      Stored old, String tenant, OptionalLong expected, Actor actor, List<String> mustBeEmpty) {
    KeyList keys = new KeyList();
    keys.add(docKey(tenant, old.collection(), old.id()));
    keys.add(indexKey(tenant, old.collection()));
    keys.add(auditKey(tenant));
    keys.add(referrersKey(tenant, old.collection(), old.id()));
    JsonObject plan =
        new JsonObject()
            .put("expect", expected.orElse(-1))
            .put("id", old.id())
            .put("self", old.collection() + "/" + old.id())
            .put("now", clock.instant().toString())
            .put("actor", actor.toJson().encode())
            .put("dropRefs", dropRefs(tenant, keys, old.refs(), List.of()))
            .put("releases", releases(tenant, keys, old.uniques(), List.of()))
            .put("emptyIndexes", emptyIndexes(tenant, keys, mustBeEmpty));
    String label = old.collection() + "/" + old.id();
    return DELETE
        .run(redis, keys.list(), List.of(plan.encode()))
        .map(response -> checkOutcome(label, new JsonObject(response.toString())))
        .mapEmpty();
  }

  private Future<Stored> run(
      Write write, long expect, List<String> oldRefs, List<List<String>> oldUniques) {
    String tenant = write.tenant();
    KeyList keys = new KeyList();
    keys.add(docKey(tenant, write.collection(), write.id()));
    keys.add(indexKey(tenant, write.collection()));
    keys.add(auditKey(tenant));
    List<String> newRefs = write.refs().stream().map(Ref::label).distinct().toList();
    List<List<String>> newUniques =
        write.uniques().stream().map(u -> List.of(u.constraint(), u.value())).toList();
    JsonObject plan =
        new JsonObject()
            .put("expect", expect)
            .put("id", write.id())
            .put("self", label(write))
            .put("now", clock.instant().toString())
            .put("actor", write.actor().toJson().encode())
            .put("body", write.body().encode())
            .put("refsJson", new JsonArray(new ArrayList<>(newRefs)).encode())
            .put("uniqJson", new JsonArray(new ArrayList<>(newUniques)).encode())
            .put("refs", refs(tenant, keys, write.refs()))
            .put("dropRefs", dropRefs(tenant, keys, oldRefs, newRefs))
            .put("claims", claims(tenant, keys, write.uniques()))
            .put("releases", releases(tenant, keys, oldUniques, newUniques));
    return WRITE
        .run(redis, keys.list(), List.of(plan.encode()))
        .map(response -> checkOutcome(label(write), new JsonObject(response.toString())))
        .map(
            outcome ->
                new Stored(
                    write.collection(),
                    write.id(),
                    outcome.getLong("version"),
                    write.body(),
                    Instant.parse(outcome.getString("created")),
                    Instant.parse(outcome.getString("updated")),
                    newRefs,
                    newUniques));
  }

  private JsonArray refs(String tenant, KeyList keys, List<Ref> refs) {
    JsonArray plan = new JsonArray();
    for (Ref ref : refs) {
      plan.add(
          new JsonObject()
              .put("target", keys.add(docKey(tenant, ref.collection(), ref.id())))
              .put("refs", keys.add(referrersKey(tenant, ref.collection(), ref.id())))
              .put("field", ref.field()));
    }
    return plan;
  }

  private JsonArray dropRefs(
      String tenant, KeyList keys, List<String> oldRefs, List<String> newRefs) {
    JsonArray plan = new JsonArray();
    for (String old : oldRefs) {
      if (!newRefs.contains(old)) {
        int slash = old.indexOf('/');
        plan.add(keys.add(referrersKey(tenant, old.substring(0, slash), old.substring(slash + 1))));
      }
    }
    return plan;
  }

  private JsonArray claims(String tenant, KeyList keys, List<UniqueValue> uniques) {
    JsonArray plan = new JsonArray();
    for (UniqueValue unique : uniques) {
      plan.add(
          new JsonObject()
              .put("key", keys.add(uniqueKey(tenant, unique.constraint())))
              .put("value", unique.value())
              .put("field", unique.field()));
    }
    return plan;
  }

  private JsonArray releases(
      String tenant, KeyList keys, List<List<String>> oldUniques, List<List<String>> newUniques) {
    JsonArray plan = new JsonArray();
    for (List<String> old : oldUniques) {
      if (!newUniques.contains(old)) {
        plan.add(
            new JsonObject()
                .put("key", keys.add(uniqueKey(tenant, old.get(0))))
                .put("value", old.get(1)));
      }
    }
    return plan;
  }

  private JsonArray emptyIndexes(String tenant, KeyList keys, List<String> collections) {
    JsonArray plan = new JsonArray();
    for (String collection : collections) {
      plan.add(
          new JsonObject()
              .put("key", keys.add(indexKey(tenant, collection)))
              .put("label", collection));
    }
    return plan;
  }

  private static JsonObject checkOutcome(String label, JsonObject outcome) {
    String error = outcome.getString("error");
    if (error == null) {
      return outcome;
    }
    throw switch (error) {
      case "exists" -> new StoreException.AlreadyExists(label);
      case "not-found" -> new StoreException.NotFound(label);
      case "version" -> new StoreException.VersionMismatch(label, outcome.getLong("version"));
      case "missing-ref" -> new StoreException.MissingReferences(strings(outcome, "fields"));
      case "unique" ->
          new StoreException.UniqueTaken(
              outcome.getString("field"), outcome.getString("value"), outcome.getString("owner"));
      case "referenced" ->
          new StoreException.StillReferenced(
              strings(outcome, "referrers"), outcome.getLong("count"));
      case "not-empty" -> new StoreException.NotEmpty(strings(outcome, "holding"));
      default -> new IllegalStateException("unexpected store outcome " + outcome.encode());
    };
  }

  private static List<String> strings(JsonObject outcome, String field) {
    Object value = outcome.getValue(field);
    // cjson encodes an empty table as an object, so accept both
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  private Future<Page<Stored>> page(String tenant, String collection, Response ids, int limit) {
    List<String> idList = new ArrayList<>();
    for (Response id : ids) {
      idList.add(id.toString());
    }
    boolean more = idList.size() > limit;
    List<String> pageIds = more ? idList.subList(0, limit) : idList;
    if (pageIds.isEmpty()) {
      return Future.succeededFuture(new Page<>(List.of(), Optional.empty()));
    }
    List<Request> reads =
        pageIds.stream().map(id -> hmget(docKey(tenant, collection, id))).toList();
    return redis
        .batch(reads)
        .map(
            responses -> {
              List<Stored> items = new ArrayList<>();
              for (int i = 0; i < pageIds.size(); i++) {
                decode(collection, pageIds.get(i), responses.get(i)).ifPresent(items::add);
              }
              Optional<String> next =
                  more ? Optional.of(pageIds.get(pageIds.size() - 1)) : Optional.empty();
              return new Page<>(items, next);
            });
  }

  private static Request hmget(String key) {
    Request request = Request.cmd(Command.HMGET).arg(key);
    for (String field : FIELDS) {
      request.arg(field);
    }
    return request;
  }

  private static Optional<Stored> decode(String collection, String id, Response fields) {
    if (fields == null || fields.get(0) == null) {
      return Optional.empty();
    }
    JsonArray refs = new JsonArray(fields.get(2).toString());
    JsonArray uniques = new JsonArray(fields.get(3).toString());
    List<List<String>> uniqueList = new ArrayList<>();
    for (int i = 0; i < uniques.size(); i++) {
      JsonArray pair = uniques.getJsonArray(i);
      uniqueList.add(List.of(pair.getString(0), pair.getString(1)));
    }
    return Optional.of(
        new Stored(
            collection,
            id,
            fields.get(0).toLong(),
            new JsonObject(fields.get(1).toString()),
            Instant.parse(fields.get(4).toString()),
            Instant.parse(fields.get(5).toString()),
            refs.stream().map(String::valueOf).toList(),
            uniqueList));
  }

  private static String label(Write write) {
    return write.collection() + "/" + write.id();
  }

  /**
   * A key of a scope: a tenant's ({@code civicline:{t:<tenant>}:...}) or, for {@link #PLATFORM},
   * the platform's ({@code civicline:{platform}:...}).
   */
  public static String scopedKey(String scope, String... parts) {
    return PLATFORM.equals(scope) ? Keys.platform(parts) : Keys.tenant(scope, parts);
  }

  public static String docKey(String scope, String collection, String id) {
    return scopedKey(scope, "doc", collection, id);
  }

  static String indexKey(String scope, String collection) {
    return scopedKey(scope, "idx", collection);
  }

  public static String referrersKey(String scope, String collection, String id) {
    return scopedKey(scope, "refs", collection, id);
  }

  public static String uniqueKey(String scope, String constraint) {
    return scopedKey(scope, "uniq", constraint);
  }

  public static String auditKey(String scope) {
    return scopedKey(scope, "audit");
  }

  /** KEYS of a script, each once, addressed by its 1-based position as Lua sees it. */
  private static final class KeyList {
    private final Set<String> keys = new LinkedHashSet<>();

    int add(String key) {
      keys.add(key);
      int position = 1;
      for (String existing : keys) {
        if (existing.equals(key)) {
          return position;
        }
        position++;
      }
      throw new IllegalStateException("unreachable");
    }

    List<String> list() {
      return List.copyOf(keys);
    }
  }
}
