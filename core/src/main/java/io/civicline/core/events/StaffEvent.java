package io.civicline.core.events;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * Something staff apps show as it happens: a call ringing for someone, answered elsewhere, a new
 * voicemail or text in a department's inbox, a colleague's presence.
 *
 * @param type e.g. {@code call.ringing}, {@code call.answered-elsewhere}, {@code voicemail.new}
 * @param audience who gets it: named staff members, members of departments, or everyone of the town
 * @param data what the app needs to show it (never secrets: it is stored and replayed)
 */
public record StaffEvent(String type, Audience audience, JsonObject data) {

  public StaffEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(audience, "audience");
    data = data == null ? new JsonObject() : data.copy();
  }

  /** Who an event is for; a staff member is in it if any part names them. */
  public record Audience(Set<String> staff, Set<String> departments, boolean everyone) {
    public Audience {
      staff = Set.copyOf(staff);
      departments = Set.copyOf(departments);
    }

    public static Audience toStaff(Set<String> staffIds) {
      return new Audience(staffIds, Set.of(), false);
    }

    public static Audience toDepartments(Set<String> departmentIds) {
      return new Audience(Set.of(), departmentIds, false);
    }

    public static Audience toEveryone() {
      return new Audience(Set.of(), Set.of(), true);
    }

    public boolean includes(String staffId, Set<String> memberOf) {
      return everyone
          || staff.contains(staffId)
          || memberOf.stream().anyMatch(departments::contains);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("staff", new io.vertx.core.json.JsonArray(staff.stream().sorted().toList()))
          .put(
              "departments",
              new io.vertx.core.json.JsonArray(departments.stream().sorted().toList()))
          .put("everyone", everyone);
    }

    static Audience fromJson(JsonObject json) {
      return new Audience(
          strings(json.getJsonArray("staff")),
          strings(json.getJsonArray("departments")),
          json.getBoolean("everyone", false));
    }

    private static Set<String> strings(io.vertx.core.json.JsonArray array) {
      return array == null ? Set.of() : Set.copyOf(array.stream().map(String::valueOf).toList());
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("audience", audience.toJson()).put("data", data);
  }

  public static StaffEvent fromJson(JsonObject json) {
    return new StaffEvent(
        json.getString("type"),
        Audience.fromJson(json.getJsonObject("audience", new JsonObject())),
        json.getJsonObject("data", new JsonObject()));
  }
}
