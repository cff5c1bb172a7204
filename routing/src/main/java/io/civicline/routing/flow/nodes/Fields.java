package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.flow.Edge;
import java.util.List;
import java.util.regex.Pattern;

/** Reading the fields node kinds share. */
final class Fields {
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  static final int MAX_TEXT = 1000;
  static final int MAX_TIMEOUT = 60;

  private Fields() {}

  static String checkNodeId(String value) {
    return NODE_ID.matcher(value).matches()
        ? null
        : "must be a node name: letters, digits, '-' or '_', at most 64";
  }

  /** A field naming another node. */
  static String target(ObjectReader in, String field, boolean required) {
    return in.string(field, required, 64, Fields::checkNodeId);
  }

  /** An edge for an optional target field (none when absent). */
  static List<Edge> edge(ObjectReader in, String field, String target, boolean waits) {
    return target == null ? List.of() : List.of(new Edge(in.pointerOf(field), target, waits));
  }

  static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
