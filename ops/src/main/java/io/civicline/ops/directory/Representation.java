package io.civicline.ops.directory;

import io.civicline.core.store.Page;
import io.civicline.core.store.Stored;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How stored objects look on the wire: the id, the fields, then version and timestamps. */
public final class Representation {
  /** Fields a client may send back unchanged in an update; they are not part of the object. */
  public static final java.util.Set<String> READ_ONLY =
      java.util.Set.of("version", "createdAt", "updatedAt");

  private Representation() {}

  public static JsonObject of(Stored stored) {
    JsonObject json = new JsonObject().put("id", stored.id());
    stored.body().forEach(field -> json.put(field.getKey(), field.getValue()));
    return json.put("version", stored.version())
        .put("createdAt", stored.createdAt().toString())
        .put("updatedAt", stored.updatedAt().toString());
  }

  public static JsonObject page(Page<Stored> page) {
    JsonArray items = new JsonArray();
    page.items().forEach(stored -> items.add(of(stored)));
    return new JsonObject().put("items", items).put("next", page.next().orElse(null));
  }
}
