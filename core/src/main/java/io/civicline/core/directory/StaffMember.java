package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.store.UniqueValue;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A person who answers the town's calls: reachable by extension, app and mobile number. */
public record StaffMember(
    String id,
    String name,
    String extension,
    Optional<String> email,
    Optional<String> mobile,
    List<String> roles,
    List<String> languages,
    List<String> departmentIds)
    implements DirectoryObject {

  public static final String COLLECTION = "staff";

  /** What a staff member may do; supervisors see queues, operators answer the main line. */
  public static final Set<String> ROLES = Set.of("agent", "operator", "supervisor", "admin");

  public StaffMember {
    roles = List.copyOf(roles);
    languages = List.copyOf(languages);
    departmentIds = List.copyOf(departmentIds);
  }

  public static StaffMember parse(String id, ObjectReader in) {
    String name = in.string("name", true, 120);
    String extension = in.string("extension", true, 8, Formats::extension);
    String email = in.string("email", false, 254, Formats::email);
    String mobile = in.string("mobile", false, 16, Formats::e164);
    List<String> roles = in.strings("roles", false, 4, StaffMember::checkRole);
    List<String> languages = in.strings("languages", false, 10, Formats::language);
    List<String> departments = in.strings("departmentIds", false, 20, Formats::slug);
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new StaffMember(
        id,
        name,
        extension,
        Optional.ofNullable(email),
        Optional.ofNullable(mobile),
        roles.isEmpty() ? List.of("agent") : roles,
        languages,
        departments);
  }

  private static String checkRole(String role) {
    return ROLES.contains(role)
        ? null
        : "must be one of " + List.copyOf(new java.util.TreeSet<>(ROLES));
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("extension", extension);
    email.ifPresent(value -> json.put("email", value));
    mobile.ifPresent(value -> json.put("mobile", value));
    return json.put("roles", new JsonArray(new ArrayList<>(roles)))
        .put("languages", new JsonArray(new ArrayList<>(languages)))
        .put("departmentIds", new JsonArray(new ArrayList<>(departmentIds)));
  }

  @Override
  public List<Ref> references() {
    List<Ref> refs = new ArrayList<>();
    for (int i = 0; i < departmentIds.size(); i++) {
      refs.add(new Ref(Department.COLLECTION, departmentIds.get(i), "#/departmentIds/" + i));
    }
    return refs;
  }

  /** Staff sign in to the app by email: no two members of a town may share one. */
  public static final String EMAIL_CONSTRAINT = "staff-email";

  @Override
  public List<UniqueValue> uniqueValues() {
    List<UniqueValue> values = new ArrayList<>();
    values.add(new UniqueValue("staff-extension", extension, "#/extension"));
    email.ifPresent(
        value ->
            values.add(
                new UniqueValue(
                    EMAIL_CONSTRAINT, value.toLowerCase(java.util.Locale.ROOT), "#/email")));
    return values;
  }
}
