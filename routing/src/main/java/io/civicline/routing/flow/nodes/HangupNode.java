package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;

/** Says an optional goodbye and ends the call. */
public record HangupNode(String id, Prompt prompt) implements Node {
  public static final String KIND = "hangup";

  public static HangupNode read(String id, ObjectReader in) {
    return new HangupNode(id, Prompt.read(in, "prompt", false, Fields.MAX_TEXT));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Edge> edges() {
    return List.of();
  }

  @Override
  public Next enter(Turn turn) {
    turn.say(prompt);
    return Next.end(Outcome.MESSAGE);
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return prompt.isEmpty() ? java.util.Map.of() : java.util.Map.of("prompt", prompt);
  }
}
