package io.civicline.core.directory;

import java.util.LinkedHashMap;
import java.util.Map;

/** When a fixed-date holiday falling on a weekend is observed on a weekday instead. */
public enum Observance {
  /** Only the date itself. */
  NONE("none"),
  /** Saturday: the Friday before; Sunday: the Monday after (US federal rule, 5 U.S.C. 6103). */
  NEAREST_WEEKDAY("nearest-weekday"),
  /** Saturday or Sunday: the following Monday. */
  NEXT_MONDAY("next-monday"),
  /** Only Sunday moves, to the Monday after. */
  SUNDAY_TO_MONDAY("sunday-to-monday");

  static final Map<String, Observance> BY_JSON_NAME = byJsonName();

  private final String jsonName;

  Observance(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  private static Map<String, Observance> byJsonName() {
    Map<String, Observance> names = new LinkedHashMap<>();
    for (Observance observance : values()) {
      names.put(observance.jsonName, observance);
    }
    return names;
  }
}
