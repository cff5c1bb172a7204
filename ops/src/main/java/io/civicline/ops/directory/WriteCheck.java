package io.civicline.ops.directory;

import io.civicline.core.directory.DirectoryObject;
import io.vertx.core.Future;

/**
 * A rule about an object that needs the store to answer (e.g. no cycles among calendar parents).
 * Fails with an {@link io.civicline.ops.http.ApiProblem} or an invalid-input error.
 */
@FunctionalInterface
public interface WriteCheck<T extends DirectoryObject> {
  Future<Void> check(Scope scope, T object);

  static <T extends DirectoryObject> WriteCheck<T> none() {
    return (scope, object) -> Future.succeededFuture();
  }
}
