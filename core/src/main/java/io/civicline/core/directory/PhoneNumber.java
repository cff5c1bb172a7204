package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.store.UniqueValue;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A public number of the town. A number belongs to exactly one tenant of the deployment; the flow
 * named here answers calls to it.
 *
 * @param flowId the call flow that answers it; it must exist
 * @param departmentId the department it belongs to, if any
 */
public record PhoneNumber(
    String id, String number, String label, Optional<String> flowId, Optional<String> departmentId)
    implements DirectoryObject {

  public static final String COLLECTION = "numbers";

  /** The collection of call flows, which {@code flowId} refers to. */
  public static final String FLOWS = "flows";

  /** The tenant-wide unique constraint on the E.164 number. */
  public static final String NUMBER_CONSTRAINT = "phone-number";

  public static PhoneNumber parse(String id, ObjectReader in) {
    String number = in.string("number", true, 16, Formats::e164);
    String label = in.string("label", false, 120);
    String flowId = in.string("flowId", false, 48, Formats::slug);
    String departmentId = in.string("departmentId", false, 48, Formats::slug);
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new PhoneNumber(
        id,
        number,
        label == null ? number : label,
        Optional.ofNullable(flowId),
        Optional.ofNullable(departmentId));
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("number", number).put("label", label);
    flowId.ifPresent(value -> json.put("flowId", value));
    departmentId.ifPresent(value -> json.put("departmentId", value));
    return json;
  }

  /** The department and the flow must exist; a flow cannot be deleted while a number names it. */
  @Override
  public List<Ref> references() {
    List<Ref> refs = new java.util.ArrayList<>();
    departmentId.ifPresent(
        dept -> refs.add(new Ref(Department.COLLECTION, dept, "#/departmentId")));
    flowId.ifPresent(flow -> refs.add(new Ref(FLOWS, flow, "#/flowId")));
    return refs;
  }

  @Override
  public List<UniqueValue> uniqueValues() {
    return List.of(new UniqueValue(NUMBER_CONSTRAINT, number, "#/number"));
  }
}
