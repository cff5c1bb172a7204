package io.civicline.routing.engine;

import java.util.List;

/** The engine's answer to one event: the call's new state and what the channel should do. */
public record Step(CallState state, List<Action> actions) {
  public Step {
    actions = List.copyOf(actions);
  }
}
