package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets the caller choose their language ("para español oprima 2"). Each option is announced in its
 * own language; the choice carries through every later prompt of the call. No choice keeps the
 * town's default.
 */
public record LanguageNode(
    String id,
    Map<String, String> options,
    Prompt prompt,
    int timeoutSeconds,
    int retries,
    String next,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "language";
  private static final String TRIES = "tries";

  public static LanguageNode read(String id, ObjectReader in) {
    Map<String, String> options = new LinkedHashMap<>();
    ObjectReader keys = in.object("options", true);
    if (keys != null) {
      for (String key : keys.fieldNames()) {
        String language = keys.string(key, true, 16, Formats::language);
        if (!key.matches("[0-9*#]")) {
          keys.errors().add(keys.pointerOf(key), "must be one key: 0-9, * or #");
        } else if (language != null) {
          options.put(key, language);
        }
      }
    }
    Prompt prompt = Prompt.read(in, "prompt", true, Fields.MAX_TEXT);
    if (prompt != null) {
      for (String language : options.values()) {
        if (!prompt.byLanguage().containsKey(language)) {
          in.errors()
              .add(
                  in.pointerOf("prompt"),
                  "needs the announcement in '" + language + "', said in that language");
        }
      }
    }
    int timeout = Fields.orDefault(in.integer("timeout", false, 1, Fields.MAX_TIMEOUT), 5);
    int retries = Fields.orDefault(in.integer("retries", false, 0, 5), 1);
    String next = Fields.target(in, "next", true);
    return new LanguageNode(
        id, options, prompt, timeout, retries, next, Fields.edge(in, "next", next, true));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    turn.emit(gather(turn));
    return Next.stay();
  }

  private Action.Gather gather(Turn turn) {
    List<Action> announcements = new ArrayList<>();
    options.values().stream()
        .distinct()
        .forEach(
            language ->
                announcements.add(new Action.Say(prompt.byLanguage().get(language), language)));
    return new Action.Gather(announcements, 1, timeoutSeconds, turn.language(), List.of());
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    if (event instanceof CallEvent.Digits digits && options.containsKey(digits.digits())) {
      turn.setLanguage(options.get(digits.digits()));
      return Next.go(next);
    }
    if (!(event instanceof CallEvent.Digits) && !(event instanceof CallEvent.NoInput)) {
      return Next.stay();
    }
    int tries = turn.counter(TRIES) + 1;
    turn.setCounter(TRIES, tries);
    if (tries > retries) {
      return Next.go(next);
    }
    turn.emit(gather(turn));
    return Next.stay();
  }
}
