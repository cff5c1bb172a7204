package io.civicline.ops.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Request bodies for tests: small valid objects to vary. */
public final class Towns {
  private Towns() {}

  public static JsonObject tenant(String id, String name) {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("timeZone", "America/New_York")
        .put("defaultLanguage", "en")
        .put("languages", new JsonArray().add("en").add("es"));
  }

  public static JsonObject department(String id, String name) {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put(
            "hours",
            new JsonObject()
                .put(
                    "monday",
                    new JsonArray()
                        .add(new JsonObject().put("open", "08:30").put("close", "16:30"))));
  }

  public static JsonObject staff(String id, String extension, String department) {
    return new JsonObject()
        .put("id", id)
        .put("name", "Staff " + id)
        .put("extension", extension)
        .put("email", id + "@town.example")
        .put("mobile", "+1207555" + String.format("%04d", Math.abs(id.hashCode()) % 10000))
        .put("roles", new JsonArray().add("agent"))
        .put("languages", new JsonArray().add("en"))
        .put("departmentIds", new JsonArray().add(department));
  }

  public static JsonObject number(String id, String e164) {
    return new JsonObject().put("id", id).put("number", e164).put("label", "Main line");
  }

  public static JsonObject calendar(String id, String parent) {
    JsonObject calendar =
        new JsonObject()
            .put("id", id)
            .put("name", "Calendar " + id)
            .put(
                "rules",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "Founders Day")
                            .put("type", "fixed")
                            .put("month", 6)
                            .put("day", 2)
                            .put("observed", "nearest-weekday")));
    if (parent != null) {
      calendar.put("parent", parent);
    }
    return calendar;
  }
}
