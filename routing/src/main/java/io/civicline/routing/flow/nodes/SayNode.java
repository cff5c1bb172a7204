package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;

/** Says a text in the caller's language, then goes on. */
public record SayNode(String id, Prompt prompt, String next, List<Edge> edges) implements Node {
  public static final String KIND = "say";

  public static SayNode read(String id, ObjectReader in) {
    Prompt prompt = Prompt.read(in, "prompt", true, Fields.MAX_TEXT);
    String next = Fields.target(in, "next", true);
    return new SayNode(id, prompt, next, Fields.edge(in, "next", next, false));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    turn.say(prompt);
    return Next.go(next);
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return java.util.Map.of("prompt", prompt);
  }
}
