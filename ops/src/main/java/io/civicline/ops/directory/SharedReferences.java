package io.civicline.ops.directory;

import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Ref;
import io.civicline.core.store.StoreException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks tenants' references to platform-wide objects, so a shared calendar cannot be deleted while
 * a town inherits from it. The platform's referrer set is added to before the tenant's write and
 * trimmed after it, so it may briefly hold too much (which only delays a delete) but never too
 * little.
 */
public final class SharedReferences {
  private final DocumentStore store;
  private final Redis redis;

  public SharedReferences(DocumentStore store, Redis redis) {
    this.store = store;
    this.redis = redis;
  }

  /** Checks that every target exists and records the referrer. */
  public Future<Void> add(Scope scope, String collection, String id, List<Ref> refs) {
    if (refs.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Boolean>> checks = new ArrayList<>();
    for (Ref ref : refs) {
      checks.add(
          store.get(DocumentStore.PLATFORM, ref.collection(), ref.id()).map(o -> o.isPresent()));
    }
    return Future.all(checks)
        .compose(
            all -> {
              List<String> missing = new ArrayList<>();
              for (int i = 0; i < refs.size(); i++) {
                if (!checks.get(i).result()) {
                  missing.add(refs.get(i).field());
                }
              }
              if (!missing.isEmpty()) {
                return Future.failedFuture(new StoreException.MissingReferences(missing));
              }
              return update(Command.SADD, scope, collection, id, refs);
            });
  }

  /** Forgets references the referrer no longer makes. */
  public Future<Void> remove(Scope scope, String collection, String id, List<Ref> refs) {
    return update(Command.SREM, scope, collection, id, refs);
  }

  private Future<Void> update(
      Command command, Scope scope, String collection, String id, List<Ref> refs) {
    List<Future<?>> updates = new ArrayList<>();
    String member = scope.id() + "/" + collection + "/" + id;
    for (Ref ref : refs) {
      String key = DocumentStore.referrersKey(DocumentStore.PLATFORM, ref.collection(), ref.id());
      updates.add(redis.send(Request.cmd(command).arg(key).arg(member)));
    }
    return Future.all(updates).mapEmpty();
  }

  /** The refs in {@code from} that {@code other} does not contain (by target). */
  static List<Ref> minus(List<Ref> from, List<Ref> other) {
    return from.stream()
        .filter(
            ref ->
                other.stream()
                    .noneMatch(
                        o -> o.collection().equals(ref.collection()) && o.id().equals(ref.id())))
        .toList();
  }
}
