package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.store.UniqueValue;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An object of a town's directory as stored: its JSON form, its references and unique values. */
public interface DirectoryObject {
  String id();

  /** The stored and returned JSON form, without the id and version metadata. */
  JsonObject toJson();

  /** Other objects of the same tenant this one refers to; they must exist. */
  default List<Ref> references() {
    return List.of();
  }

  /**
   * References to platform-wide objects (shared holiday calendars). They live in another Redis
   * slot, so they are tracked beside the tenant's own write rather than inside it.
   */
  default List<Ref> sharedReferences() {
    return List.of();
  }

  /** Values no other object of the tenant may hold at the same time. */
  default List<UniqueValue> uniqueValues() {
    return List.of();
  }
}
