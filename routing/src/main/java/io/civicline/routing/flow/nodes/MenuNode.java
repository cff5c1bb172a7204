package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Phrases;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A menu: a prompt, options by key and by spoken keyword, a timeout, a number of retries, and where
 * to go on no input and on invalid input once the retries are spent (default: hang up).
 */
public record MenuNode(
    String id,
    Prompt prompt,
    Map<String, Option> options,
    int timeoutSeconds,
    int retries,
    Optional<String> noInput,
    Optional<String> invalid,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "menu";
  private static final String TRIES = "tries";

  /** One choice: where it leads, words that pick it per language, variables it sets. */
  public record Option(String next, Map<String, List<String>> keywords, Map<String, String> set) {}

  public static MenuNode read(String id, ObjectReader in) {
    Prompt prompt = Prompt.read(in, "prompt", true, Fields.MAX_TEXT);
    int timeout = Fields.orDefault(in.integer("timeout", false, 1, Fields.MAX_TIMEOUT), 5);
    int retries = Fields.orDefault(in.integer("retries", false, 0, 5), 2);
    String noInput = Fields.target(in, "noInput", false);
    String invalid = Fields.target(in, "invalid", false);
    List<Edge> edges = new ArrayList<>();
    Map<String, Option> options = readOptions(in, edges);
    edges.addAll(Fields.edge(in, "noInput", noInput, true));
    edges.addAll(Fields.edge(in, "invalid", invalid, true));
    return new MenuNode(
        id,
        prompt,
        options,
        timeout,
        retries,
        Optional.ofNullable(noInput),
        Optional.ofNullable(invalid),
        edges);
  }

  private static Map<String, Option> readOptions(ObjectReader in, List<Edge> edges) {
    ObjectReader options = in.object("options", true);
    Map<String, Option> read = new LinkedHashMap<>();
    if (options == null) {
      return read;
    }
    NewErrors optionErrors = NewErrors.since(options);
    for (String key : options.fieldNames()) {
      if (!key.matches("[0-9*#]")) {
        options.has(key);
        options.errors().add(options.pointerOf(key), "must be one key: 0-9, * or #");
        continue;
      }
      Option option = readOption(options, key, edges);
      if (option != null) {
        read.put(key, option);
      }
    }
    if (read.isEmpty() && optionErrors.none()) {
      in.errors().add(in.pointerOf("options"), "needs at least one option");
    }
    return read;
  }

  /** An option is either a node name or {@code {next, keywords, set}}. */
  private static Option readOption(ObjectReader options, String key, List<Edge> edges) {
    if (options.json().getValue(key) instanceof String) {
      String next = Fields.target(options, key, true);
      edges.addAll(Fields.edge(options, key, next, true));
      return next == null ? null : new Option(next, Map.of(), Map.of());
    }
    ObjectReader option = options.object(key, true);
    if (option == null) {
      return null;
    }
    String next = Fields.target(option, "next", true);
    edges.addAll(Fields.edge(option, "next", next, true));
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    ObjectReader words = option.object("keywords", false);
    if (words != null) {
      for (String language : words.fieldNames()) {
        String problem = Formats.language(language);
        if (problem != null) {
          words.has(language);
          words.errors().add(words.pointerOf(language), "is not a language: " + problem);
          continue;
        }
        List<String> list =
            words.strings(
                language, true, 20, word -> word.length() > 40 ? "at most 40 characters" : null);
        if (list != null) {
          keywords.put(language, list.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
        }
      }
      words.rejectUnknownFields();
    }
    Map<String, String> set = new LinkedHashMap<>();
    ObjectReader variables = option.object("set", false);
    if (variables != null) {
      for (String name : variables.fieldNames()) {
        String value = variables.string(name, true, 200);
        if (value != null) {
          set.put(name, value);
        }
      }
    }
    option.rejectUnknownFields();
    return next == null ? null : new Option(next, keywords, set);
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
    List<Action> prompts = turn.localized(prompt).map(List::of).orElse(List.of());
    List<String> hints = new ArrayList<>();
    options
        .values()
        .forEach(o -> hints.addAll(o.keywords().getOrDefault(turn.language(), List.of())));
    return new Action.Gather(prompts, 1, timeoutSeconds, turn.language(), hints);
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    return switch (event) {
      case CallEvent.Digits digits ->
          choose(turn, Optional.ofNullable(options.get(digits.digits())));
      case CallEvent.Speech speech -> choose(turn, byKeyword(turn.language(), speech.text()));
      case CallEvent.NoInput none -> retry(turn, Phrases.NO_INPUT, noInput);
      default -> Next.stay();
    };
  }

  private Next choose(Turn turn, Optional<Option> option) {
    if (option.isEmpty()) {
      return retry(turn, Phrases.INVALID_CHOICE, invalid);
    }
    turn.setVariables(option.get().set());
    return Next.go(option.get().next());
  }

  private Optional<Option> byKeyword(String language, String said) {
    String text = said.toLowerCase(Locale.ROOT);
    return options.values().stream()
        .filter(
            o -> o.keywords().getOrDefault(language, List.of()).stream().anyMatch(text::contains))
        .findFirst();
  }

  private Next retry(Turn turn, Phrases sorry, Optional<String> whenSpent) {
    int tries = turn.counter(TRIES) + 1;
    turn.setCounter(TRIES, tries);
    if (tries > retries) {
      return whenSpent.map(Next::go).orElse(Next.end(Outcome.HUNG_UP));
    }
    turn.phrase(sorry);
    turn.emit(gather(turn));
    return Next.stay();
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return java.util.Map.of("prompt", prompt);
  }
}
