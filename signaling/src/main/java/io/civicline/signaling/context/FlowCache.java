package io.civicline.signaling.context;

import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowReader;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed flow versions by tenant, flow and version. Safe to cache without expiry because a stored
 * version never changes; bounded so a node serving many towns keeps only the recent ones.
 */
public final class FlowCache {
  private final Map<String, Flow> parsed;

  public FlowCache(int capacity) {
    this.parsed =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Flow> eldest) {
            return size() > capacity;
          }
        };
  }

  /** A flow with the version it is. */
  public record Versioned(int version, Flow flow) {}

  Future<Optional<Versioned>> load(String tenant, String flowId, int version, FlowStore flows) {
    String key = tenant + "/" + FlowStore.versionId(flowId, version);
    Flow cached;
    synchronized (parsed) {
      cached = parsed.get(key);
    }
    if (cached != null) {
      return Future.succeededFuture(Optional.of(new Versioned(version, cached)));
    }
    return flows
        .version(tenant, flowId, version)
        .map(
            stored ->
                stored.map(
                    s -> {
                      Flow flow = parse(flowId, s.body().getJsonObject("document"));
                      synchronized (parsed) {
                        parsed.put(key, flow);
                      }
                      return new Versioned(version, flow);
                    }));
  }

  static Flow parse(String flowId, io.vertx.core.json.JsonObject document) {
    FieldErrors errors = new FieldErrors();
    Flow flow = FlowReader.read(flowId, document, errors);
    if (flow == null) {
      throw new IllegalStateException(
          "stored flow " + flowId + " no longer reads: " + errors.list());
    }
    return flow;
  }
}
