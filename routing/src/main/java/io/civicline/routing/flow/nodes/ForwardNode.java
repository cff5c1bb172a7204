package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;
import java.util.Optional;

/** Forwards the call to an outside number (e.g. the county's after-hours line). */
public record ForwardNode(
    String id,
    String number,
    Prompt prompt,
    int timeoutSeconds,
    Optional<String> noAnswer,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "forward";

  public static ForwardNode read(String id, ObjectReader in) {
    String number = in.string("number", true, 16, Formats::e164);
    Prompt prompt = Prompt.read(in, "prompt", false, Fields.MAX_TEXT);
    int timeout = Fields.orDefault(in.integer("timeout", false, 5, 120), 30);
    String noAnswer = Fields.target(in, "noAnswer", false);
    return new ForwardNode(
        id,
        number,
        prompt,
        timeout,
        Optional.ofNullable(noAnswer),
        Fields.edge(in, "noAnswer", noAnswer, true));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    turn.say(prompt);
    turn.emit(
        new Action.Dial(
            List.of(DialTarget.number(number, null)), timeoutSeconds, turn.state().caller()));
    return Next.stay();
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    if (!(event instanceof CallEvent.DialEnded ended)) {
      return Next.stay();
    }
    if (ended.status() == CallEvent.DialStatus.ANSWERED) {
      return Next.end(Outcome.FORWARDED);
    }
    return noAnswer.map(Next::go).orElse(Next.end(Outcome.FAILED));
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return prompt.isEmpty() ? java.util.Map.of() : java.util.Map.of("prompt", prompt);
  }
}
