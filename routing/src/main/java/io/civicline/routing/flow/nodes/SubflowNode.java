package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import java.util.List;

/** Continues the call in another flow (its published version at that moment). */
public record SubflowNode(String id, String flow) implements Node {
  public static final String KIND = "subflow";

  public static SubflowNode read(String id, ObjectReader in) {
    return new SubflowNode(id, in.string("flow", true, 48, Formats::slug));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Edge> edges() {
    return List.of();
  }

  @Override
  public Next enter(Turn turn) {
    return new Next.Jump(flow);
  }

  @Override
  public List<io.civicline.routing.flow.ExternalRef> externalRefs() {
    return List.of(
        new io.civicline.routing.flow.ExternalRef(
            "flow", io.civicline.routing.flow.ExternalRef.Target.FLOW, flow));
  }
}
