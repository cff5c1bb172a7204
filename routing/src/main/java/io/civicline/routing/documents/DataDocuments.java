package io.civicline.routing.documents;

import io.civicline.core.validation.InvalidInputException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns a document an admin writes (a flow, texting rules), YAML or JSON with the same schema, into
 * a JSON object: YAML keys are read as strings (menu keys like {@code 1:}), and only plain data is
 * allowed: no tags, no duplicate keys, few aliases.
 */
public final class DataDocuments {
  private DataDocuments() {}

  /**
   * @param what how the error messages name the document, e.g. "a flow document"
   * @param notAMapping the error when the document is not a mapping (what it must hold)
   */
  public static JsonObject parse(String text, int maxChars, String what, String notAMapping) {
    if (text.length() > maxChars) {
      throw new InvalidInputException("#", what + " may be at most " + maxChars / 1024 + " KiB");
    }
    String trimmed = text.stripLeading();
    return trimmed.startsWith("{") ? json(trimmed) : yaml(text, maxChars, notAMapping);
  }

  private static JsonObject json(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new InvalidInputException(
          "#", "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static JsonObject yaml(String text, int maxChars, String notAMapping) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(maxChars);
    Object data;
    try {
      data = new Yaml(new SafeConstructor(options)).load(text);
    } catch (MarkedYAMLException e) {
      throw new InvalidInputException(
          "#",
          "YAML error at line "
              + (e.getProblemMark().getLine() + 1)
              + ", column "
              + (e.getProblemMark().getColumn() + 1)
              + ": "
              + e.getProblem());
    } catch (YAMLException e) {
      throw new InvalidInputException("#", "YAML error: " + e.getMessage());
    }
    if (!(data instanceof Map<?, ?> map)) {
      throw new InvalidInputException("#", notAMapping);
    }
    return object(map);
  }

  private static JsonObject object(Map<?, ?> map) {
    JsonObject json = new JsonObject();
    map.forEach((key, value) -> json.put(String.valueOf(key), value(value)));
    return json;
  }

  private static Object value(Object value) {
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    // Dates and other YAML scalars become text; validation then says what it expected.
    return String.valueOf(value);
  }
}
