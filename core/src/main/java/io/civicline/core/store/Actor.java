package io.civicline.core.store;

import io.vertx.core.json.JsonObject;

/** Who made a change, as the audit log records it: a token's id and name, never its secret. */
public record Actor(String id, String name) {
  public static final Actor SYSTEM = new Actor("system", "CivicLine");

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
