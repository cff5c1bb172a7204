package io.civicline.ops.flows;

import io.civicline.core.directory.Department;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.core.store.Ref;
import io.civicline.core.store.StoreException;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.ops.directory.Scope;
import io.civicline.routing.flow.ExternalRef;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowReader;
import io.civicline.routing.flow.Node;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A town's call flows: every save is validated, then stored as a new immutable version; publishing
 * (or rolling back) points the flow at one. A flow cannot be deleted while a number or another flow
 * uses it.
 */
public final class FlowService {
  private final FlowStore flows;
  private final DocumentStore store;
  private final FlowChecks checks;

  public FlowService(FlowStore flows, DocumentStore store) {
    this.flows = flows;
    this.store = store;
    this.checks = new FlowChecks(store);
  }

  /** Creates a flow with version 1, unpublished. */
  public Future<Stored> create(Scope scope, FlowRequest request, Actor actor) {
    String id = request.id() != null ? request.id() : "new-flow";
    return validated(scope, id, request)
        .compose(flow -> flows.create(scope.id(), id, flow.name(), request.document(), actor));
  }

  /** Saves a new version if the flow is still at {@code expected}. */
  public Future<Stored> update(Scope scope, FlowRequest request, long expected, Actor actor) {
    return current(scope, request.id())
        .compose(
            existing -> {
              if (existing.version() != expected) {
                throw new StoreException.VersionMismatch(
                    "flow '" + request.id() + "'", existing.version());
              }
              return validated(scope, request.id(), request);
            })
        .compose(
            flow ->
                flows.addVersion(
                    scope.id(), request.id(), flow.name(), request.document(), expected, actor));
  }

  /**
   * Points the flow at {@code version} (publish or roll back) once that version still validates
   * against the town and every subflow it enters is published.
   */
  public Future<Stored> publish(Scope scope, String flowId, int version, Actor actor) {
    return current(scope, flowId)
        .compose(flow -> stored(scope, flowId, version))
        .compose(
            stored -> {
              FieldErrors errors = new FieldErrors();
              JsonObject document = stored.body().getJsonObject("document");
              return checks
                  .validate(scope.id(), flowId, document, "#", errors)
                  .compose(flow -> requirePublishedSubflows(scope, flow).map(flow));
            })
        .compose(flow -> flows.publish(scope.id(), flowId, version, directoryNames(flow), actor));
  }

  /** Deletes the flow and its versions unless a number or another flow uses it. */
  public Future<Void> delete(Scope scope, String flowId, OptionalLong expected, Actor actor) {
    return current(scope, flowId)
        .compose(
            flow -> {
              if (expected.isPresent() && expected.getAsLong() != flow.version()) {
                throw new StoreException.VersionMismatch("flow '" + flowId + "'", flow.version());
              }
              return usersOf(scope, flowId);
            })
        .compose(
            users -> {
              if (!users.isEmpty()) {
                throw Problem.conflict(
                    "still-referenced",
                    "cannot delete: flow '"
                        + flowId
                        + "' is entered as a subflow by "
                        + String.join(", ", users)
                        + "; change those first",
                    List.of());
              }
              return store.delete(scope.id(), FlowStore.FLOWS, flowId, expected, actor, List.of());
            })
        .compose(v -> deleteVersions(scope, flowId, actor));
  }

  public Future<Stored> get(Scope scope, String flowId) {
    return current(scope, flowId);
  }

  public Future<Page<Stored>> list(Scope scope, String cursor, int limit) {
    return flows.flows(scope.id(), cursor, limit);
  }

  public Future<Page<Stored>> versions(Scope scope, String flowId, String cursor, int limit) {
    return current(scope, flowId).compose(f -> flows.versions(scope.id(), flowId, cursor, limit));
  }

  /** A version as stored; 404 when the flow or the version does not exist. */
  public Future<Stored> version(Scope scope, String flowId, int version) {
    return current(scope, flowId).compose(f -> stored(scope, flowId, version));
  }

  /** The parsed flow of a stored version. */
  static Flow parsed(String flowId, Stored version) {
    FieldErrors errors = new FieldErrors();
    Flow flow = FlowReader.read(flowId, version.body().getJsonObject("document"), errors);
    if (flow == null) {
      throw new IllegalStateException("stored flow " + flowId + " no longer reads: " + errors);
    }
    return flow;
  }

  private Future<Flow> validated(Scope scope, String id, FlowRequest request) {
    if (request.document() == null) {
      request.errors().throwIfAny();
    }
    return checks.validate(scope.id(), id, request.document(), request.prefix(), request.errors());
  }

  private Future<Stored> stored(Scope scope, String flowId, int version) {
    return flows
        .version(scope.id(), flowId, version)
        .map(
            found ->
                found.orElseThrow(
                    () -> Problem.notFound("flow '" + flowId + "' has no version " + version)));
  }

  private Future<Stored> current(Scope scope, String flowId) {
    return flows
        .flow(scope.id(), flowId)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no flow '" + flowId + "'")));
  }

  /**
   * The departments and staff members a flow names, as store references: while it is published they
   * cannot be deleted (a call would be routed to nothing), and they must exist when it is.
   */
  static List<Ref> directoryNames(Flow flow) {
    List<Ref> names = new ArrayList<>();
    for (Node node : flow.nodes().values()) {
      for (ExternalRef ref : node.externalRefs()) {
        String pointer = "#/nodes/" + node.id() + "/" + ref.field();
        switch (ref.target()) {
          case DEPARTMENT -> names.add(new Ref(Department.COLLECTION, ref.id(), pointer));
          case STAFF -> names.add(new Ref(StaffMember.COLLECTION, ref.id(), pointer));
          case FLOW -> {
            // subflows: deleting one is checked against every version that enters it (usersOf)
          }
        }
      }
    }
    return names;
  }

  private Future<Void> requirePublishedSubflows(Scope scope, Flow flow) {
    List<Future<Void>> checksDone = new ArrayList<>();
    FieldErrors errors = new FieldErrors();
    for (Node node : flow.nodes().values()) {
      for (ExternalRef ref : node.externalRefs()) {
        if (ref.target() == ExternalRef.Target.FLOW && !ref.id().equals(flow.id())) {
          checksDone.add(
              flows
                  .flow(scope.id(), ref.id())
                  .map(
                      other -> {
                        if (other.isEmpty()
                            || other.get().body().getInteger("publishedVersion") == null) {
                          errors.add(
                              "#/nodes/" + node.id() + "/" + ref.field(),
                              "flow '" + ref.id() + "' is not published; publish it first");
                        }
                        return null;
                      }));
        }
      }
    }
    return Future.all(checksDone)
        .map(
            done -> {
              errors.throwIfAny();
              return null;
            });
  }

  /** Other flows whose latest or published version enters {@code flowId} as a subflow. */
  private Future<Set<String>> usersOf(Scope scope, String flowId) {
    return TenantIds.all(store, scope.id(), FlowStore.FLOWS)
        .compose(
            all -> {
              List<Future<Optional<String>>> uses = new ArrayList<>();
              for (Stored other : all) {
                if (other.id().equals(flowId)) {
                  continue;
                }
                Set<Integer> versions = new LinkedHashSet<>();
                versions.add(other.body().getInteger("latestVersion"));
                Integer published = other.body().getInteger("publishedVersion");
                if (published != null) {
                  versions.add(published);
                }
                for (int v : versions) {
                  uses.add(
                      flows
                          .version(scope.id(), other.id(), v)
                          .map(
                              found ->
                                  found
                                      .filter(s -> entersSubflow(parsed(other.id(), s), flowId))
                                      .map(s -> other.id())));
                }
              }
              return Future.all(uses)
                  .map(
                      done -> {
                        Set<String> users = new LinkedHashSet<>();
                        uses.forEach(u -> u.result().ifPresent(users::add));
                        return users;
                      });
            });
  }

  private static boolean entersSubflow(Flow flow, String flowId) {
    return flow.nodes().values().stream()
        .flatMap(node -> node.externalRefs().stream())
        .anyMatch(ref -> ref.target() == ExternalRef.Target.FLOW && ref.id().equals(flowId));
  }

  private Future<Void> deleteVersions(Scope scope, String flowId, Actor actor) {
    return flows
        .versions(scope.id(), flowId, null, 200)
        .compose(
            page -> {
              Future<Void> chain = Future.succeededFuture();
              for (Stored version : page.items()) {
                chain =
                    chain.compose(
                        v ->
                            store.delete(
                                scope.id(),
                                FlowStore.VERSIONS,
                                version.id(),
                                OptionalLong.empty(),
                                actor,
                                List.of()));
              }
              return page.next().isPresent()
                  ? chain.compose(v -> deleteVersions(scope, flowId, actor))
                  : chain;
            });
  }
}
