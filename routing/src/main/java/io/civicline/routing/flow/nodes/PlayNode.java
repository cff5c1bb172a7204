package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;

/** Plays a recorded audio file, one per language, then goes on. */
public record PlayNode(String id, Prompt audio, String next, List<Edge> edges) implements Node {
  public static final String KIND = "play";

  public static PlayNode read(String id, ObjectReader in) {
    Prompt audio = Prompt.read(in, "audio", true, 2000);
    if (audio != null) {
      audio
          .byLanguage()
          .forEach(
              (language, url) -> {
                if (!url.matches("(https?://|/)\\S+")) {
                  in.errors()
                      .add(
                          in.pointerOf("audio") + "/" + language,
                          "must be an http(s) URL or a path");
                }
              });
    }
    String next = Fields.target(in, "next", true);
    return new PlayNode(id, audio, next, Fields.edge(in, "next", next, false));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    audio
        .in(turn.language(), turn.context().defaultLanguage())
        .ifPresent(url -> turn.emit(new Action.Play(url.text())));
    return Next.go(next);
  }

  /** The recordings, so validation asks for one in every language the town offers. */
  @Override
  public java.util.Map<String, Prompt> prompts() {
    return java.util.Map.of("audio", audio);
  }
}
