package io.civicline.routing.flow;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Something said to the caller, per language: {@code {"en": "Welcome", "es": "Bienvenido"}}. For
 * {@code play} nodes the values are audio URLs.
 */
public record Prompt(Map<String, String> byLanguage) {
  public static final Prompt NONE = new Prompt(Map.of());

  public Prompt {
    byLanguage = Map.copyOf(byLanguage);
  }

  public static Prompt of(String language, String text) {
    return new Prompt(Map.of(language, text));
  }

  /** The text in {@code language}, else in {@code fallback}, else any. */
  public Optional<Localized> in(String language, String fallback) {
    if (byLanguage.containsKey(language)) {
      return Optional.of(new Localized(byLanguage.get(language), language));
    }
    if (byLanguage.containsKey(fallback)) {
      return Optional.of(new Localized(byLanguage.get(fallback), fallback));
    }
    return byLanguage.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .findFirst()
        .map(e -> new Localized(e.getValue(), e.getKey()));
  }

  public boolean isEmpty() {
    return byLanguage.isEmpty();
  }

  /** A text and the language it is in. */
  public record Localized(String text, String language) {}

  /** Reads a prompt field; {@code null} when absent or wrong (errors recorded). */
  public static Prompt read(ObjectReader node, String field, boolean required, int maxLength) {
    ObjectReader in = node.object(field, required);
    if (in == null) {
      return required ? null : NONE;
    }
    NewErrors textErrors = NewErrors.since(in);
    Map<String, String> texts = new LinkedHashMap<>();
    for (String language : in.fieldNames()) {
      String problem = Formats.language(language);
      if (problem != null) {
        in.has(language);
        in.errors().add(in.pointerOf(language), "is not a language: " + problem);
        continue;
      }
      String text = in.string(language, true, maxLength);
      if (text != null) {
        texts.put(language, text);
      }
    }
    if (texts.isEmpty() && textErrors.none()) {
      in.errors().add(node.pointerOf(field), "needs a text in at least one language");
    }
    return new Prompt(texts);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    byLanguage.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }
}
