package io.civicline.ops.flows;

import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.ExternalRef;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A flow as a diagram: its nodes (id, kind, label) and the edges between them, each labelled with
 * what takes the call along it (a key, {@code noAnswer}, {@code closed}...).
 */
final class FlowGraph {
  private FlowGraph() {}

  static JsonObject of(Flow flow) {
    JsonObject nodesJson = flow.source().getJsonObject("nodes", new JsonObject());
    JsonArray nodes = new JsonArray();
    JsonArray edges = new JsonArray();
    for (Node node : flow.nodes().values()) {
      JsonObject source = nodesJson.getJsonObject(node.id(), new JsonObject());
      JsonObject json =
          new JsonObject()
              .put("id", node.id())
              .put("kind", node.kind())
              .put("label", source.getString("label", node.id()));
      node.externalRefs().stream()
          .filter(ref -> ref.target() == ExternalRef.Target.FLOW)
          .findFirst()
          .ifPresent(ref -> json.put("flow", ref.id()));
      if (node.id().equals(flow.start())) {
        json.put("start", true);
      }
      nodes.add(json);
      for (Edge edge : node.edges()) {
        edges.add(
            new JsonObject()
                .put("from", node.id())
                .put("to", edge.target())
                .put("label", label(node, edge)));
      }
    }
    return new JsonObject().put("nodes", nodes).put("edges", edges);
  }

  /** {@code #/nodes/menu/options/3/next} is "3"; {@code #/nodes/ring/noAnswer} is "noAnswer". */
  static String label(Node node, Edge edge) {
    String prefix = "#/nodes/" + node.id() + "/";
    String field =
        edge.pointer().startsWith(prefix)
            ? edge.pointer().substring(prefix.length())
            : edge.pointer();
    if (field.endsWith("/next")) {
      field = field.substring(0, field.length() - "/next".length());
    }
    return field.startsWith("options/") ? field.substring("options/".length()) : field;
  }
}
