package io.civicline.core.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

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

  /** The strong entity tag of this version, quoted as HTTP wants it. */
  public String etag() {
    return "\"" + version + "\"";
  }
}
