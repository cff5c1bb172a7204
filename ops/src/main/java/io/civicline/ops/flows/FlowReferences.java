package io.civicline.ops.flows;

import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Ref;
import io.civicline.core.store.Stored;
import io.civicline.ops.upgrade.Backfill;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * Flows published before a published flow held the departments and staff it names get that hold at
 * start, once per deployment. A flow whose published version names something already deleted is
 * logged (publish a version that does not) and the next start tries again.
 */
public final class FlowReferences {
  static final String NAME = "flow-references";

  private final DocumentStore store;
  private final Redis redis;
  private final FlowStore flows;

  public FlowReferences(DocumentStore store, Redis redis, FlowStore flows) {
    this.store = store;
    this.redis = redis;
    this.flows = flows;
  }

  /** Answers how many flows got their references (0 on every start after the first). */
  public Future<Integer> backfill() {
    return new Backfill(store, redis, NAME, FlowStore.FLOWS, this::hold).run();
  }

  private Future<Integer> hold(String tenant, Stored flow) {
    Integer published = flow.body().getInteger("publishedVersion");
    if (published == null || !flow.refs().isEmpty()) {
      return Future.succeededFuture(0);
    }
    return flows
        .version(tenant, flow.id(), published)
        .compose(
            version -> {
              List<Ref> names =
                  version
                      .map(v -> FlowService.directoryNames(FlowService.parsed(flow.id(), v)))
                      .orElse(List.of());
              if (names.isEmpty()) {
                return Future.succeededFuture(0);
              }
              return store
                  .replace(
                      new DocumentStore.Write(
                          tenant,
                          FlowStore.FLOWS,
                          flow.id(),
                          flow.body(),
                          names,
                          List.of(),
                          Actor.SYSTEM),
                      flow.version())
                  .map(1);
            });
  }
}
