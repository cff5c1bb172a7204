package io.civicline.routing.flow;

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
 * Turns a flow document, YAML or JSON (same schema), into a JSON object. YAML keys are read as
 * strings (menu keys like {@code 1:}), and only plain data is allowed: no tags, few aliases.
 */
public final class FlowDocuments {
  static final int MAX_BYTES = 256 * 1024;

  private FlowDocuments() {}

  public static JsonObject parse(String text) {
    if (text.length() > MAX_BYTES) {
      throw new InvalidInputException(
          "#", "a flow document may be at most " + MAX_BYTES / 1024 + " KiB");
    }
    String trimmed = text.stripLeading();
    return trimmed.startsWith("{") ? json(trimmed) : yaml(text);
  }

  private static JsonObject json(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new InvalidInputException(
          "#", "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static JsonObject yaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(MAX_BYTES);
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
      throw new InvalidInputException(
          "#", "a flow document must be a mapping with 'start' and 'nodes'");
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
