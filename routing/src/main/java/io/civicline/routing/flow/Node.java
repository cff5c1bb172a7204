package io.civicline.routing.flow;

import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import java.util.List;

/**
 * One step of a call flow. Each kind is one small class that knows its data, its edges and how it
 * behaves when the call enters it and when an event arrives while the call is in it.
 */
public interface Node {
  String id();

  /** The kind name as written in flow documents, e.g. {@code menu}. */
  String kind();

  /** The nodes this one leads to. */
  List<Edge> edges();

  /** The prompts of this node by field name, so validation can check every language is there. */
  default java.util.Map<String, Prompt> prompts() {
    return java.util.Map.of();
  }

  /** Departments, staff and flows this node names, for validation against the directory. */
  default List<ExternalRef> externalRefs() {
    return List.of();
  }

  /** The call arrives here: emit actions, then move on, wait, or end. */
  Next enter(Turn turn);

  /** An event arrives while the call waits here. By default input is unexpected: stay. */
  default Next on(Turn turn, CallEvent event) {
    return Next.stay();
  }

  /** The outcome if the caller hangs up while in this node. */
  default io.civicline.routing.engine.Outcome hangupOutcome() {
    return io.civicline.routing.engine.Outcome.HUNG_UP;
  }
}
