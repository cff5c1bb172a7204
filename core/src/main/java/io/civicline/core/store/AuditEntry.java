package io.civicline.core.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One change as the audit log recorded it: who, when, what, and the document before and after. */
public record AuditEntry(
    String id,
    Instant at,
    JsonObject actor,
    String action,
    String resource,
    long version,
    Object before,
    Object after) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("at", at.toString())
        .put("actor", actor)
        .put("action", action)
        .put("resource", resource)
        .put("version", version)
        .put("before", before)
        .put("after", after);
  }
}
