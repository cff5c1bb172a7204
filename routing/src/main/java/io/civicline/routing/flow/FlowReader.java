package io.civicline.routing.flow;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a flow document into a {@link Flow}, recording every problem with its JSON Pointer. Graph
 * rules (dangling names, unreachable nodes, loops) are {@link FlowValidator}'s.
 */
public final class FlowReader {
  static final int MAX_NODES = 200;

  private FlowReader() {}

  /** The flow, or {@code null} when {@code errors} received any problem. */
  public static Flow read(String id, JsonObject document, FieldErrors errors) {
    int before = errors.list().size();
    ObjectReader in = ObjectReader.root(document, errors);
    in.has("id");
    String name = in.string("name", true, 120);
    String start = in.string("start", true, 64, text -> text.isBlank() ? "must name a node" : null);
    in.string("description", false, 2000);
    Map<String, List<String>> lists = readLists(in);
    Map<String, Node> nodes = readNodes(in);
    in.rejectUnknownFields();
    if (errors.list().size() > before) {
      return null;
    }
    return new Flow(id, name, start, nodes, lists, document.copy());
  }

  private static Map<String, List<String>> readLists(ObjectReader in) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    ObjectReader reader = in.object("lists", false);
    if (reader != null) {
      for (String name : reader.fieldNames()) {
        String problem = Formats.slug(name);
        List<String> numbers = reader.strings(name, true, 1000, Formats::e164);
        if (problem != null) {
          reader.errors().add(reader.pointerOf(name), "list name " + problem);
        } else if (numbers != null) {
          lists.put(name, numbers);
        }
      }
    }
    return lists;
  }

  private static Map<String, Node> readNodes(ObjectReader in) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    ObjectReader reader = in.object("nodes", true);
    if (reader == null) {
      return nodes;
    }
    if (reader.fieldNames().isEmpty()) {
      in.errors().add(in.pointerOf("nodes"), "needs at least one node");
    }
    if (reader.fieldNames().size() > MAX_NODES) {
      in.errors().add(in.pointerOf("nodes"), "may have at most " + MAX_NODES + " nodes");
      return nodes;
    }
    for (String id : reader.fieldNames()) {
      Node node = readNode(reader, id);
      if (node != null) {
        nodes.put(id, node);
      }
    }
    return nodes;
  }

  private static Node readNode(ObjectReader nodes, String id) {
    String idProblem = io.civicline.routing.flow.nodes.NodeIds.problem(id);
    ObjectReader in = nodes.object(id, true);
    if (idProblem != null) {
      nodes.errors().add(nodes.pointerOf(id), idProblem);
      return null;
    }
    if (in == null) {
      return null;
    }
    String kind =
        in.string(
            "kind",
            true,
            20,
            text ->
                NodeKinds.reader(text) == null
                    ? "must be one of " + String.join(", ", NodeKinds.names())
                    : null);
    in.string("label", false, 120);
    if (kind == null) {
      return null;
    }
    BiFunction<String, ObjectReader, Node> reader = NodeKinds.reader(kind);
    int before = in.errors().list().size();
    Node node = reader.apply(id, in);
    in.rejectUnknownFields();
    return in.errors().list().size() > before ? null : node;
  }
}
