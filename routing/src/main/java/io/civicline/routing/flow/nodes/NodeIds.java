package io.civicline.routing.flow.nodes;

/** The rule for node names, shared by the reader and by fields that name nodes. */
public final class NodeIds {
  private NodeIds() {}

  /** An error detail when {@code id} cannot name a node, else {@code null}. */
  public static String problem(String id) {
    return Fields.checkNodeId(id);
  }
}
