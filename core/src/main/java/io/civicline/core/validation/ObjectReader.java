package io.civicline.core.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object, recording a precise error (with its JSON Pointer) for every
 * missing, mistyped or unknown field instead of stopping at the first. Accessors return {@code
 * null} when the field is absent or wrong, so a caller builds its value only when {@link
 * FieldErrors#isEmpty()} holds afterwards.
 *
 * <p>JSON {@code null} counts as absent. Call {@link #rejectUnknownFields()} once all fields were
 * read.
 */
public final class ObjectReader {
  private final JsonObject json;
  private final String pointer;
  private final FieldErrors errors;
  private final Set<String> known = new HashSet<>();

  private ObjectReader(JsonObject json, String pointer, FieldErrors errors) {
    this.json = json;
    this.pointer = pointer;
    this.errors = errors;
  }

  /** A reader of a whole request body, whose pointer is the document root {@code #}. */
  public static ObjectReader root(JsonObject json, FieldErrors errors) {
    return new ObjectReader(json, "#", errors);
  }

  public static ObjectReader at(JsonObject json, String pointer, FieldErrors errors) {
    return new ObjectReader(json, pointer, errors);
  }

  /** The object being read, for codecs that read it themselves. */
  public JsonObject json() {
    return json;
  }

  public FieldErrors errors() {
    return errors;
  }

  public String pointer() {
    return pointer;
  }

  /** The pointer of a field of this object. */
  public String pointerOf(String field) {
    return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
  }

  public boolean has(String field) {
    known.add(field);
    return json.getValue(field) != null;
  }

  /** A string field, trimmed; blank strings count as missing for required fields. */
  public String string(String field, boolean required, int maxLength) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      typeError(field, "a string");
      return null;
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty() && required) {
      errors.add(pointerOf(field), "must not be blank");
      return null;
    }
    if (trimmed.length() > maxLength) {
      errors.add(pointerOf(field), "must be at most " + maxLength + " characters");
      return null;
    }
    return trimmed;
  }

  /**
   * A string field checked by {@code check}, which returns an error detail or {@code null} when the
   * text is fine.
   */
  public String string(
      String field, boolean required, int maxLength, Function<String, String> check) {
    String text = string(field, required, maxLength);
    if (text == null) {
      return null;
    }
    String problem = check.apply(text);
    if (problem != null) {
      errors.add(pointerOf(field), problem);
      return null;
    }
    return text;
  }

  public Integer integer(String field, boolean required, int min, int max) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || !isWhole(number)) {
      typeError(field, "a whole number");
      return null;
    }
    long whole = number.longValue();
    if (whole < min || whole > max) {
      errors.add(pointerOf(field), "must be between " + min + " and " + max);
      return null;
    }
    return (int) whole;
  }

  public Boolean bool(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean flag)) {
      typeError(field, "true or false");
      return null;
    }
    return flag;
  }

  /**
   * A list of strings; each item is checked by {@code check} (error detail or {@code null}).
   * Duplicates are refused. An absent optional list reads as empty.
   */
  public List<String> strings(
      String field, boolean required, int maxItems, Function<String, String> check) {
    JsonArray array = array(field, required, maxItems);
    if (array == null) {
      return required ? null : List.of();
    }
    List<String> items = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      String itemPointer = pointerOf(field) + "/" + i;
      Object item = array.getValue(i);
      if (!(item instanceof String text) || text.isBlank()) {
        errors.add(itemPointer, "must be a non-blank string");
        ok = false;
        continue;
      }
      String trimmed = text.strip();
      String problem = check.apply(trimmed);
      if (problem != null) {
        errors.add(itemPointer, problem);
        ok = false;
      } else if (items.contains(trimmed)) {
        errors.add(itemPointer, "duplicate value '" + trimmed + "'");
        ok = false;
      } else {
        items.add(trimmed);
      }
    }
    return ok ? List.copyOf(items) : null;
  }

  /** A nested object; {@code null} when absent or not an object. */
  public ObjectReader object(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject nested)) {
      typeError(field, "an object");
      return null;
    }
    return new ObjectReader(nested, pointerOf(field), errors);
  }

  /** A list of objects; an absent optional list reads as empty. */
  public List<ObjectReader> objects(String field, boolean required, int maxItems) {
    JsonArray array = array(field, required, maxItems);
    if (array == null) {
      return required ? null : List.of();
    }
    List<ObjectReader> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String itemPointer = pointerOf(field) + "/" + i;
      if (item instanceof JsonObject nested) {
        items.add(new ObjectReader(nested, itemPointer, errors));
      } else {
        errors.add(itemPointer, "must be an object");
      }
    }
    return items;
  }

  /** The names of the fields present, for maps keyed by data (e.g. days of the week). */
  public Set<String> fieldNames() {
    return json.fieldNames();
  }

  /** Records an error for every field present that no accessor asked for. */
  public void rejectUnknownFields() {
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        errors.add(pointerOf(field), "unknown field");
      }
    }
  }

  private JsonArray array(String field, boolean required, int maxItems) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      typeError(field, "an array");
      return null;
    }
    if (array.size() > maxItems) {
      errors.add(pointerOf(field), "must have at most " + maxItems + " items");
      return null;
    }
    return array;
  }

  private Object value(String field, boolean required) {
    known.add(field);
    Object value = json.getValue(field);
    if (value == null && required) {
      errors.add(pointerOf(field), "is required");
    }
    return value;
  }

  private void typeError(String field, String expected) {
    errors.add(pointerOf(field), "must be " + expected);
  }

  private static boolean isWhole(Number number) {
    return number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte
        || (number instanceof java.math.BigInteger big && big.bitLength() < 63);
  }
}
