package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;

/** Texts the caller (e.g. a link to a form) in their language, then goes on. */
public record SmsNode(String id, Prompt text, Prompt confirmation, String next, List<Edge> edges)
    implements Node {
  public static final String KIND = "sms";

  public static SmsNode read(String id, ObjectReader in) {
    Prompt text = Prompt.read(in, "text", true, 1600);
    Prompt confirmation = Prompt.read(in, "prompt", false, Fields.MAX_TEXT);
    String next = Fields.target(in, "next", true);
    return new SmsNode(id, text, confirmation, next, Fields.edge(in, "next", next, false));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    text.in(turn.language(), turn.context().defaultLanguage())
        .ifPresent(t -> turn.emit(new Action.SendSms(turn.state().caller(), t.text())));
    turn.say(confirmation);
    return Next.go(next);
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return confirmation.isEmpty()
        ? java.util.Map.of("text", text)
        : java.util.Map.of("text", text, "prompt", confirmation);
  }
}
