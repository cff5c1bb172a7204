package io.civicline.routing.engine;

import java.util.Optional;

/** Where a node sends the call after it acted. */
public sealed interface Next {
  /** Enter another node of the same flow. */
  record Go(String node) implements Next {}

  /** Continue in another flow, at its start, on its published version. */
  record Jump(String flowId) implements Next {}

  /** Stay here and wait for the next event. */
  record Stay() implements Next {}

  /** The call is over. */
  record End(Outcome outcome, Optional<String> answeredBy) implements Next {}

  static Next go(String node) {
    return new Go(node);
  }

  static Next stay() {
    return new Stay();
  }

  static Next end(Outcome outcome) {
    return new End(outcome, Optional.empty());
  }
}
