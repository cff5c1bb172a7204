package io.civicline.core.store;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** One stored document with its version (the ETag) and timestamps. */
public record Stored(
    String collection,
    String id,
    long version,
    JsonObject body,
    Instant createdAt,
    Instant updatedAt,
    List<String> refs,
    List<List<String>> uniques) {

  /**
   * The document read back by {@code parser}. Documents were validated when written, so a stored
   * one that no longer validates means the code changed under the data: that is a bug, thrown.
   */
  public <T> T parsed(BiFunction<String, ObjectReader, T> parser) {
    FieldErrors errors = new FieldErrors();
    T value = parser.apply(id, ObjectReader.root(body.copy(), errors));
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "stored " + collection + "/" + id + " no longer validates: " + errors.list());
    }
    return value;
  }

  /** The strong entity tag of this version, quoted as HTTP wants it. */
  public String etag() {
    return "\"" + version + "\"";
  }
}
