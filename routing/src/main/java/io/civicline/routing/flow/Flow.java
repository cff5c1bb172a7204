package io.civicline.routing.flow;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call flow: named nodes and the node calls start at. Immutable; a published version never
 * changes, so calls in progress finish on the version they started with.
 *
 * @param lists named lists of caller numbers for {@code condition} nodes (blocked, priority)
 * @param source the document it was read from, kept to store and show it as written
 */
public record Flow(
    String id,
    String name,
    String start,
    Map<String, Node> nodes,
    Map<String, List<String>> lists,
    JsonObject source) {

  public Flow {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    lists = Map.copyOf(lists);
  }

  public Optional<Node> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public Node nodeOrThrow(String id) {
    return node(id)
        .orElseThrow(() -> new IllegalStateException("flow " + this.id + " has no node " + id));
  }
}
