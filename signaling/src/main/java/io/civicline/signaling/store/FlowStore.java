package io.civicline.signaling.store;

import io.civicline.core.redis.Keys;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.core.store.Ref;
import io.civicline.core.store.StoreException;
import io.civicline.core.store.Stored;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's call flows and their versions. Every save makes a new immutable version; publishing
 * points the flow at one of them, so calls in progress keep the version they started on and a
 * rollback is publishing an older one. Documents are stored as written, after validation by the
 * caller.
 *
 * <p>A flow: {@code flows/<id>} = {name, latestVersion, publishedVersion?}; a version: {@code
 * flow-versions/<id>@<nnnn>} = {flowId, version, document}. Version numbers come from a counter, so
 * they are never reused, even after a failed save.
 *
 * <p>A flow refers to the departments and staff its published version names (store references), so
 * they cannot be deleted while calls are routed to them; saving a new draft keeps those.
 */
public final class FlowStore {
  public static final String FLOWS = "flows";
  public static final String VERSIONS = "flow-versions";

  private final DocumentStore store;
  private final Redis redis;

  public FlowStore(DocumentStore store, Redis redis) {
    this.store = store;
    this.redis = redis;
  }

  public static String versionId(String flowId, int version) {
    return flowId + "@" + String.format("%04d", version);
  }

  /** Creates a flow with its first version (not yet published). */
  public Future<Stored> create(
      String tenant, String flowId, String name, JsonObject document, Actor actor) {
    return store
        .get(tenant, FLOWS, flowId)
        .compose(
            existing -> {
              if (existing.isPresent()) {
                throw new StoreException.AlreadyExists("flow '" + flowId + "'");
              }
              return nextVersion(tenant, flowId);
            })
        .compose(version -> saveVersion(tenant, flowId, version, document, actor).map(version))
        .compose(
            version ->
                store.create(
                    write(
                        tenant,
                        flowId,
                        new JsonObject().put("name", name).put("latestVersion", version),
                        List.of(),
                        actor)));
  }

  /** Saves a new version of an existing flow, if the flow is still at {@code expected}. */
  public Future<Stored> addVersion(
      String tenant, String flowId, String name, JsonObject document, long expected, Actor actor) {
    return current(tenant, flowId)
        .compose(
            flow -> {
              if (flow.version() != expected) {
                throw new StoreException.VersionMismatch("flow '" + flowId + "'", flow.version());
              }
              return nextVersion(tenant, flowId)
                  .compose(v -> saveVersion(tenant, flowId, v, document, actor).map(v))
                  .compose(
                      v ->
                          store.replace(
                              write(
                                  tenant,
                                  flowId,
                                  flow.body().copy().put("name", name).put("latestVersion", v),
                                  kept(flow),
                                  actor),
                              expected));
            });
  }

  /**
   * Points the flow at {@code version}: new calls use it from now on.
   *
   * @param names what that version names (departments, staff); they must exist, and cannot be
   *     deleted while it is published
   */
  public Future<Stored> publish(
      String tenant, String flowId, int version, List<Ref> names, Actor actor) {
    return current(tenant, flowId)
        .compose(
            flow ->
                version(tenant, flowId, version)
                    .compose(
                        found -> {
                          if (found.isEmpty()) {
                            throw new StoreException.NotFound(
                                "version " + version + " of flow '" + flowId + "'");
                          }
                          JsonObject body = flow.body().copy().put("publishedVersion", version);
                          return store.replace(
                              write(tenant, flowId, body, names, actor), flow.version());
                        }));
  }

  public Future<Optional<Stored>> flow(String tenant, String flowId) {
    return store.get(tenant, FLOWS, flowId);
  }

  public Future<Page<Stored>> flows(String tenant, String cursor, int limit) {
    return store.list(tenant, FLOWS, cursor, limit);
  }

  public Future<Optional<Stored>> version(String tenant, String flowId, int version) {
    return store.get(tenant, VERSIONS, versionId(flowId, version));
  }

  /** The versions of one flow, oldest first. */
  public Future<Page<Stored>> versions(String tenant, String flowId, String cursor, int limit) {
    String from = cursor != null ? cursor : flowId + "@";
    return store
        .list(tenant, VERSIONS, from, limit)
        .map(
            page -> {
              List<Stored> mine =
                  page.items().stream().filter(s -> s.id().startsWith(flowId + "@")).toList();
              boolean more = mine.size() == page.items().size() && page.next().isPresent();
              return new Page<>(mine, more ? page.next() : Optional.empty());
            });
  }

  /** The published version's document, if the flow is published. */
  public Future<Optional<PublishedDocument>> published(String tenant, String flowId) {
    return flow(tenant, flowId)
        .compose(
            flow -> {
              Integer published =
                  flow.map(f -> f.body().getInteger("publishedVersion")).orElse(null);
              if (published == null) {
                return Future.succeededFuture(Optional.<PublishedDocument>empty());
              }
              return version(tenant, flowId, published)
                  .map(
                      v ->
                          v.map(
                              s ->
                                  new PublishedDocument(
                                      flowId, published, s.body().getJsonObject("document"))));
            });
  }

  /** A flow document with its number. */
  public record PublishedDocument(String flowId, int version, JsonObject document) {}

  private Future<Stored> current(String tenant, String flowId) {
    return flow(tenant, flowId)
        .map(flow -> flow.orElseThrow(() -> new StoreException.NotFound("flow '" + flowId + "'")));
  }

  private Future<Integer> nextVersion(String tenant, String flowId) {
    return redis
        .send(Request.cmd(Command.INCR).arg(Keys.tenant(tenant, "flow-seq", flowId)))
        .map(response -> response.toInteger());
  }

  private Future<Stored> saveVersion(
      String tenant, String flowId, int version, JsonObject document, Actor actor) {
    JsonObject body =
        new JsonObject().put("flowId", flowId).put("version", version).put("document", document);
    return store.create(
        new DocumentStore.Write(
            tenant, VERSIONS, versionId(flowId, version), body, List.of(), List.of(), actor));
  }

  private static DocumentStore.Write write(
      String tenant, String flowId, JsonObject body, List<Ref> refs, Actor actor) {
    return new DocumentStore.Write(tenant, FLOWS, flowId, body, refs, List.of(), actor);
  }

  /** The published version's references, carried over a write that does not publish. */
  private static List<Ref> kept(Stored flow) {
    return flow.refs().stream().map(label -> Ref.ofLabel(label, "#/publishedVersion")).toList();
  }
}
