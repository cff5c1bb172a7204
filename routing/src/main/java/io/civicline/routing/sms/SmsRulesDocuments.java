package io.civicline.routing.sms;

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
 * Turns a rules document, YAML or JSON (same schema), into a JSON object, with the same limits as
 * flow documents: plain data only, no duplicate keys, few aliases.
 */
public final class SmsRulesDocuments {
  static final int MAX_CHARS = 64 * 1024;

  private SmsRulesDocuments() {}

  public static JsonObject parse(String text) {
    if (text.length() > MAX_CHARS) {
      throw new InvalidInputException(
          "#", "a texting rules document may be at most " + MAX_CHARS / 1024 + " KiB");
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
    options.setCodePointLimit(MAX_CHARS);
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
          "#", "texting rules must be a mapping with 'defaultDepartment' and 'keywords'");
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
    // A keyword like "yes" or a date becomes text; validation then says what it expected.
    return String.valueOf(value);
  }
}
