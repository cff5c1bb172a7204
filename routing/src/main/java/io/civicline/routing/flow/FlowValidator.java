package io.civicline.routing.flow;

import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.flow.nodes.ConditionNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules about a flow as a whole: every name leads somewhere, every node can be reached, no loop
 * spins without waiting for the caller, every prompt speaks every language the town offers, and the
 * departments, staff and flows it names exist.
 */
public final class FlowValidator {
  private FlowValidator() {}

  /** What exists in the town, to check a flow's references against. */
  public record Directory(
      Set<String> departments, Set<String> staff, Set<String> flows, List<String> languages) {
    /** No directory checks: only the flow's own structure. */
    public static final Directory NONE = new Directory(null, null, null, List.of());

    boolean knows(ExternalRef.Target target, String id) {
      Set<String> known =
          switch (target) {
            case DEPARTMENT -> departments;
            case STAFF -> staff;
            case FLOW -> flows;
          };
      return known == null || known.contains(id);
    }
  }

  public static void validate(Flow flow, Directory directory, FieldErrors errors) {
    boolean startExists = flow.nodes().containsKey(flow.start());
    if (!startExists) {
      errors.add("#/start", "unknown node '" + flow.start() + "'" + suggestion(flow, flow.start()));
    }
    checkEdges(flow, errors);
    if (startExists) {
      // Without a start every node would be "never reached": one error says it all.
      checkReachable(flow, errors);
    }
    checkLoops(flow, errors);
    checkDirectory(flow, directory, errors);
    checkLists(flow, errors);
  }

  private static String pointer(Node node) {
    return "#/nodes/" + node.id();
  }

  private static void checkEdges(Flow flow, FieldErrors errors) {
    for (Node node : flow.nodes().values()) {
      for (Edge edge : node.edges()) {
        if (!flow.nodes().containsKey(edge.target())) {
          errors.add(
              edge.pointer(),
              "unknown node '" + edge.target() + "'" + suggestion(flow, edge.target()));
        }
      }
    }
  }

  private static void checkReachable(Flow flow, FieldErrors errors) {
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      Node node = flow.nodes().get(id);
      if (node != null && reached.add(id)) {
        node.edges().forEach(edge -> todo.push(edge.target()));
      }
    }
    for (Node node : flow.nodes().values()) {
      if (!reached.contains(node.id())) {
        errors.add(pointer(node), "is never reached from the start node '" + flow.start() + "'");
      }
    }
  }

  /** A cycle of edges that never wait for the caller would spin forever within one step. */
  private static void checkLoops(Flow flow, FieldErrors errors) {
    Map<String, Integer> state = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (String id : flow.nodes().keySet()) {
      findLoop(flow, id, new ArrayList<>(), state, reported, errors);
    }
  }

  private static void findLoop(
      Flow flow,
      String id,
      List<String> path,
      Map<String, Integer> state,
      Set<String> reported,
      FieldErrors errors) {
    Node node = flow.nodes().get(id);
    int seen = state.getOrDefault(id, 0);
    if (node == null || seen == 2) {
      return;
    }
    if (seen == 1) {
      List<String> loop = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      loop.add(id);
      if (reported.add(id)) {
        errors.add(
            "#/nodes/" + id,
            "loops back to itself ("
                + String.join(" -> ", loop)
                + ") without waiting for the caller");
      }
      return;
    }
    state.put(id, 1);
    path.add(id);
    for (Edge edge : node.edges()) {
      if (!edge.waits()) {
        findLoop(flow, edge.target(), path, state, reported, errors);
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
  }

  private static void checkDirectory(Flow flow, Directory directory, FieldErrors errors) {
    for (Node node : flow.nodes().values()) {
      for (ExternalRef ref : node.externalRefs()) {
        if (!directory.knows(ref.target(), ref.id())) {
          errors.add(
              pointer(node) + "/" + ref.field(),
              "unknown " + ref.target().noun() + " '" + ref.id() + "'");
        }
      }
      node.prompts()
          .forEach(
              (field, prompt) -> {
                for (String language : directory.languages()) {
                  if (!prompt.byLanguage().containsKey(language)) {
                    errors.add(
                        pointer(node) + "/" + field,
                        "has no '" + language + "' text; the town offers " + directory.languages());
                  }
                }
              });
    }
  }

  private static void checkLists(Flow flow, FieldErrors errors) {
    for (Node node : flow.nodes().values()) {
      if (node instanceof ConditionNode condition) {
        List<ConditionNode.Rule> rules = condition.rules();
        for (int i = 0; i < rules.size(); i++) {
          String list = rules.get(i).callerIn().orElse(null);
          if (list != null && !flow.lists().containsKey(list)) {
            errors.add(
                pointer(node) + "/rules/" + i + "/callerIn",
                "unknown list '" + list + "'; the flow's lists: " + flow.lists().keySet());
          }
        }
      }
    }
  }

  /** "did you mean 'building'?" for the closest name one or two letters off (first on a tie). */
  private static String suggestion(Flow flow, String target) {
    return flow.nodes().keySet().stream()
        .filter(id -> distance(id, target) <= 2)
        .min(Comparator.comparingInt(id -> distance(id, target)))
        .map(id -> "; did you mean '" + id + "'?")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
