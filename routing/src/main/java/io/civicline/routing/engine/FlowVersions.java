package io.civicline.routing.engine;

import io.civicline.routing.flow.Flow;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CallContext.FlowCatalog} over loaded versions: every version a call may still be on, and
 * which version of each flow is published now.
 */
public record FlowVersions(Map<String, Map<Integer, Flow>> versions, Map<String, Integer> published)
    implements CallContext.FlowCatalog {

  public FlowVersions {
    versions = Map.copyOf(versions);
    published = Map.copyOf(published);
  }

  @Override
  public Optional<Flow> version(String flowId, int version) {
    return Optional.ofNullable(versions.getOrDefault(flowId, Map.of()).get(version));
  }

  @Override
  public Optional<CallContext.PublishedFlow> published(String flowId) {
    Integer version = published.get(flowId);
    return version == null
        ? Optional.empty()
        : version(flowId, version).map(flow -> new CallContext.PublishedFlow(version, flow));
  }
}
