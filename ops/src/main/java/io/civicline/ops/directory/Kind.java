package io.civicline.ops.directory;

import io.civicline.core.directory.DirectoryObject;
import io.civicline.core.store.Actor;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One kind of directory object as the API serves it.
 *
 * @param collection the store collection and the URL segment, e.g. {@code departments}
 * @param noun how messages name one object, e.g. {@code department}
 * @param idPrefix prefix of generated ids, e.g. {@code stf}
 * @param parser reads and validates a request body (returns null when the reader has errors)
 * @param hooks rules that need the store (cycles, platform-wide number ownership)
 */
public record Kind<T extends DirectoryObject>(
    String collection,
    String noun,
    String idPrefix,
    BiFunction<String, ObjectReader, T> parser,
    Hooks<T> hooks) {

  public Kind(
      String collection, String noun, String idPrefix, BiFunction<String, ObjectReader, T> parser) {
    this(collection, noun, idPrefix, parser, new Hooks<>() {});
  }

  /** Steps around a write that a plain document write cannot express. */
  public interface Hooks<T> {
    /** Runs before the write; fails to refuse it. */
    default Future<Void> beforeWrite(Scope scope, T next, Optional<T> previous) {
      return Future.succeededFuture();
    }

    /**
     * The object to write, from what the client sent and what is stored: keeps fields the server
     * manages (which a client cannot change through a replace).
     */
    default T merge(T parsed, Optional<T> previous) {
      return parsed;
    }

    /** Runs after a successful create or replace. */
    default Future<Void> afterWrite(Scope scope, T written, Optional<T> previous) {
      return Future.succeededFuture();
    }

    /** Runs before a delete, e.g. to drop records that only exist beside the object. */
    default Future<Void> beforeDelete(Scope scope, T current, Actor actor) {
      return Future.succeededFuture();
    }

    /** Runs after a successful delete. */
    default Future<Void> afterDelete(Scope scope, T deleted) {
      return Future.succeededFuture();
    }
  }
}
