package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Branches on who is calling (a named list of the flow, e.g. blocked or priority callers), on the
 * caller's language, or on a variable set earlier (e.g. by a menu option). The first rule that
 * matches wins; otherwise {@code else}.
 */
public record ConditionNode(String id, List<Rule> rules, String otherwise, List<Edge> edges)
    implements Node {
  public static final String KIND = "condition";

  /** One test; exactly one of callerIn, language, variable (with equals) is set. */
  public record Rule(
      Optional<String> callerIn,
      Optional<String> language,
      Optional<String> variable,
      Optional<String> equals,
      String next) {}

  public static ConditionNode read(String id, ObjectReader in) {
    List<Edge> edges = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    List<ObjectReader> items = in.objects("rules", true, 20);
    if (items != null) {
      if (items.isEmpty()) {
        in.errors().add(in.pointerOf("rules"), "needs at least one rule");
      }
      for (ObjectReader item : items) {
        Rule rule = readRule(item, edges);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    String otherwise = Fields.target(in, "else", true);
    edges.addAll(Fields.edge(in, "else", otherwise, false));
    return new ConditionNode(id, rules, otherwise, edges);
  }

  private static Rule readRule(ObjectReader in, List<Edge> edges) {
    NewErrors ruleErrors = NewErrors.since(in);
    String list = in.string("callerIn", false, 48, Formats::slug);
    String language = in.string("language", false, 16, Formats::language);
    String variable =
        in.string(
            "variable",
            false,
            48,
            v -> v.matches("[A-Za-z][A-Za-z0-9_.-]*") ? null : "must be a variable name");
    String equals = in.string("equals", false, 200);
    String next = Fields.target(in, "next", true);
    edges.addAll(Fields.edge(in, "next", next, false));
    in.rejectUnknownFields();
    int tests = (list != null ? 1 : 0) + (language != null ? 1 : 0) + (variable != null ? 1 : 0);
    if (tests != 1 && ruleErrors.none()) {
      in.errors().add(in.pointer(), "needs exactly one of 'callerIn', 'language' or 'variable'");
    }
    if (variable != null && equals == null && ruleErrors.none()) {
      in.errors().add(in.pointerOf("equals"), "is required with 'variable'");
    }
    return new Rule(
        Optional.ofNullable(list),
        Optional.ofNullable(language),
        Optional.ofNullable(variable),
        Optional.ofNullable(equals),
        next);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    for (Rule rule : rules) {
      if (matches(turn, rule)) {
        return Next.go(rule.next());
      }
    }
    return Next.go(otherwise);
  }

  private static boolean matches(Turn turn, Rule rule) {
    if (rule.callerIn().isPresent()) {
      return turn.flow()
          .lists()
          .getOrDefault(rule.callerIn().get(), List.of())
          .contains(turn.state().caller());
    }
    if (rule.language().isPresent()) {
      return rule.language().get().equals(turn.language());
    }
    String value = turn.state().variables().get(rule.variable().orElseThrow());
    return rule.equals().orElseThrow().equals(value);
  }
}
