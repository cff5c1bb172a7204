package io.civicline.ops.directory;

import io.civicline.core.directory.DirectoryObject;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.core.store.Ref;
import io.civicline.core.store.StoreException;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Creates, reads, replaces and deletes directory objects of one scope: validates the body into its
 * typed object, runs the kind's hooks, keeps platform-wide references and writes through the {@link
 * DocumentStore} (which checks versions, references and unique values atomically).
 */
public final class DirectoryService {
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final DocumentStore store;
  private final SharedReferences shared;
  private final SecureRandom random = new SecureRandom();

  public DirectoryService(DocumentStore store, SharedReferences shared) {
    this.store = store;
    this.shared = shared;
  }

  public <T extends DirectoryObject> Future<Stored> create(
      Scope scope, Kind<T> kind, JsonObject body, Actor actor) {
    T object = kind.hooks().merge(parse(kind, null, body), Optional.empty());
    List<Ref> sharedRefs = object.sharedReferences();
    return kind.hooks()
        .beforeWrite(scope, object, Optional.empty())
        .compose(v -> shared.add(scope, kind.collection(), object.id(), sharedRefs))
        .compose(
            v ->
                store
                    .create(write(scope, kind, object, actor))
                    .recover(failure -> undo(scope, kind, object.id(), sharedRefs, failure)))
        .compose(written -> kind.hooks().afterWrite(scope, object, Optional.empty()).map(written));
  }

  public <T extends DirectoryObject> Future<Stored> replace(
      Scope scope, Kind<T> kind, String id, JsonObject body, long expected, Actor actor) {
    T parsed = parse(kind, id, body);
    return update(
        scope,
        kind,
        id,
        OptionalLong.of(expected),
        previous -> kind.hooks().merge(parsed, Optional.of(previous)),
        actor);
  }

  /**
   * Replaces an object with {@code change} of its stored form, if it is at {@code expected} (when
   * given): for changes the server makes itself, e.g. noting that a PIN was set.
   */
  public <T extends DirectoryObject> Future<Stored> update(
      Scope scope,
      Kind<T> kind,
      String id,
      OptionalLong expected,
      java.util.function.Function<T, T> change,
      Actor actor) {
    return current(scope, kind, id)
        .compose(
            stored -> {
              if (expected.isPresent() && stored.version() != expected.getAsLong()) {
                throw new StoreException.VersionMismatch(kind.noun() + " " + id, stored.version());
              }
              T previous = typed(kind, stored);
              T next = change.apply(previous);
              List<Ref> added =
                  SharedReferences.minus(next.sharedReferences(), previous.sharedReferences());
              List<Ref> dropped =
                  SharedReferences.minus(previous.sharedReferences(), next.sharedReferences());
              return kind.hooks()
                  .beforeWrite(scope, next, Optional.of(previous))
                  .compose(v -> shared.add(scope, kind.collection(), id, added))
                  .compose(
                      v ->
                          store
                              .replace(write(scope, kind, next, actor), stored.version())
                              .recover(failure -> undo(scope, kind, id, added, failure)))
                  .compose(
                      written -> shared.remove(scope, kind.collection(), id, dropped).map(written))
                  .compose(
                      written ->
                          kind.hooks().afterWrite(scope, next, Optional.of(previous)).map(written));
            });
  }

  /**
   * Deletes an object unless something refers to it; {@code mustBeEmpty} names collections that
   * must hold nothing first (for a tenant).
   */
  public <T extends DirectoryObject> Future<Void> delete(
      Scope scope,
      Kind<T> kind,
      String id,
      OptionalLong expected,
      Actor actor,
      List<String> mustBeEmpty) {
    return current(scope, kind, id)
        .compose(
            stored -> {
              T previous = typed(kind, stored);
              if (expected.isPresent() && expected.getAsLong() != stored.version()) {
                throw new StoreException.VersionMismatch(kind.noun() + " " + id, stored.version());
              }
              return kind.hooks()
                  .beforeDelete(scope, previous, actor)
                  .compose(
                      v ->
                          store.delete(
                              scope.id(), kind.collection(), id, expected, actor, mustBeEmpty))
                  .compose(
                      v -> shared.remove(scope, kind.collection(), id, previous.sharedReferences()))
                  .compose(v -> kind.hooks().afterDelete(scope, previous));
            });
  }

  public Future<Optional<Stored>> get(Scope scope, Kind<?> kind, String id) {
    return store.get(scope.id(), kind.collection(), id);
  }

  /** The typed object, for services that compute with it (e.g. holiday resolution). */
  public <T extends DirectoryObject> Future<Optional<T>> read(
      Scope scope, Kind<T> kind, String id) {
    return get(scope, kind, id).map(stored -> stored.map(s -> typed(kind, s)));
  }

  public Future<Page<Stored>> list(Scope scope, Kind<?> kind, String cursor, int limit) {
    return store.list(scope.id(), kind.collection(), cursor, limit);
  }

  private Future<Stored> current(Scope scope, Kind<?> kind, String id) {
    return get(scope, kind, id)
        .map(
            stored ->
                stored.orElseThrow(
                    () -> new StoreException.NotFound(kind.noun() + " '" + id + "'")));
  }

  private Future<Stored> undo(
      Scope scope, Kind<?> kind, String id, List<Ref> addedShared, Throwable failure) {
    return shared
        .remove(scope, kind.collection(), id, addedShared)
        .transform(ignored -> Future.failedFuture(failure));
  }

  private static <T extends DirectoryObject> DocumentStore.Write write(
      Scope scope, Kind<T> kind, T object, Actor actor) {
    return new DocumentStore.Write(
        scope.id(),
        kind.collection(),
        object.id(),
        object.toJson(),
        object.references(),
        object.uniqueValues(),
        actor);
  }

  /**
   * Validates a request body into the kind's object. {@code pathId} is the id of an update (the
   * body may repeat it); for a create the body may carry an id or one is generated.
   */
  <T extends DirectoryObject> T parse(Kind<T> kind, String pathId, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String id = id(kind, pathId, body, errors);
    JsonObject fields = body.copy();
    fields.remove("id");
    Representation.READ_ONLY.forEach(fields::remove);
    T object = kind.parser().apply(id, ObjectReader.root(fields, errors));
    errors.throwIfAny();
    return object;
  }

  private String id(Kind<?> kind, String pathId, JsonObject body, FieldErrors errors) {
    Object given = body.getValue("id");
    if (given == null) {
      return pathId != null ? pathId : generatedId(kind);
    }
    if (!(given instanceof String text) || Formats.slug(text) != null) {
      errors.add("#/id", Formats.slug(String.valueOf(given)));
      return pathId != null ? pathId : "invalid";
    }
    if (pathId != null && !pathId.equals(text)) {
      errors.add("#/id", "must match the id in the path ('" + pathId + "'); ids cannot change");
    }
    return text;
  }

  private String generatedId(Kind<?> kind) {
    StringBuilder id = new StringBuilder(kind.idPrefix()).append('-');
    for (int i = 0; i < 10; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  static <T extends DirectoryObject> T typed(Kind<T> kind, Stored stored) {
    return stored.parsed(kind.parser());
  }
}
