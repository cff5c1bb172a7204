package io.civicline.ops.flows;

import io.civicline.core.directory.Department;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowReader;
import io.civicline.routing.flow.FlowValidator;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a flow document against the town: its structure ({@link FlowReader}), its graph and the
 * departments, staff, flows and languages it names ({@link FlowValidator}). Every problem is
 * reported at once, with pointers under {@code prefix} (where the document sits in the request).
 */
final class FlowChecks {
  private final DocumentStore store;

  FlowChecks(DocumentStore store) {
    this.store = store;
  }

  /** The flow, or a failed future with every problem. {@code flowId} counts as existing. */
  Future<Flow> validate(
      String tenant, String flowId, JsonObject document, String prefix, FieldErrors errors) {
    return directory(tenant, flowId)
        .map(
            directory -> {
              FieldErrors found = new FieldErrors();
              Flow flow = FlowReader.read(flowId, document, found);
              if (flow != null) {
                FlowValidator.validate(flow, directory, found);
              }
              found.list().forEach(e -> errors.add(prefixed(prefix, e.pointer()), e.detail()));
              errors.throwIfAny();
              return flow;
            });
  }

  /** What exists in the town, with {@code flowId} among the flows (a flow may call itself). */
  Future<FlowValidator.Directory> directory(String tenant, String flowId) {
    Future<List<Stored>> departments = TenantIds.all(store, tenant, Department.COLLECTION);
    Future<List<Stored>> staff = TenantIds.all(store, tenant, StaffMember.COLLECTION);
    Future<List<Stored>> flows = TenantIds.all(store, tenant, FlowStore.FLOWS);
    Future<java.util.Optional<Stored>> town = store.get(tenant, Tenant.COLLECTION, tenant);
    return Future.all(departments, staff, flows, town)
        .map(
            done -> {
              Set<String> flowIds = new HashSet<>(ids(flows.result()));
              flowIds.add(flowId);
              JsonArray languages =
                  town.result()
                      .map(t -> t.body().getJsonArray("languages", new JsonArray()))
                      .orElse(new JsonArray());
              return new FlowValidator.Directory(
                  ids(departments.result()),
                  ids(staff.result()),
                  flowIds,
                  languages.stream().map(String::valueOf).toList());
            });
  }

  private static Set<String> ids(List<Stored> stored) {
    return stored.stream().map(Stored::id).collect(Collectors.toSet());
  }

  /** {@code #/nodes/x} under {@code #/document} is {@code #/document/nodes/x}. */
  static String prefixed(String prefix, String pointer) {
    if (prefix.equals("#")) {
      return pointer;
    }
    return pointer.equals("#") ? prefix : prefix + pointer.substring(1);
  }
}
