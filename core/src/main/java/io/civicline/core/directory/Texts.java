package io.civicline.core.directory;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A text per language, e.g. a closure message: {@code {"en": "...", "es": "..."}}. */
final class Texts {
  private Texts() {}

  static Map<String, String> read(ObjectReader in, String field, boolean required, int maxLength) {
    ObjectReader texts = in.object(field, required);
    if (texts == null) {
      return required ? null : Map.of();
    }
    Map<String, String> read = new LinkedHashMap<>();
    for (String language : texts.fieldNames()) {
      String problem = Formats.language(language);
      if (problem != null) {
        texts.has(language);
        texts.errors().add(texts.pointerOf(language), "is not a language: " + problem);
        continue;
      }
      String text = texts.string(language, true, maxLength);
      if (text != null) {
        read.put(language, text);
      }
    }
    if (read.isEmpty() && texts.errors().isEmpty()) {
      texts.errors().add(in.pointerOf(field), "needs a text in at least one language");
    }
    return read;
  }

  static JsonObject toJson(Map<String, String> texts) {
    JsonObject json = new JsonObject();
    texts.forEach(json::put);
    return json;
  }
}
