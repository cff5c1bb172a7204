package io.civicline.routing.flow;

import io.civicline.routing.documents.DataDocuments;
import io.vertx.core.json.JsonObject;

/** Turns a flow document, YAML or JSON (same schema), into a JSON object. */
public final class FlowDocuments {
  static final int MAX_BYTES = 256 * 1024;

  private FlowDocuments() {}

  public static JsonObject parse(String text) {
    return DataDocuments.parse(
        text,
        MAX_BYTES,
        "a flow document",
        "a flow document must be a mapping with 'start' and 'nodes'");
  }
}
