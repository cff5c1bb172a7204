package io.civicline.routing.engine;

import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.Node;
import java.time.Instant;
import java.util.Optional;

/**
 * The call-flow engine: (context, state, event, now) -> (next state, actions). Pure: no I/O and no
 * clock of its own. The same engine serves live calls on every channel and the simulator.
 */
public final class FlowEngine {
  /** More node entries than this in one step means the flow loops without waiting. */
  static final int MAX_ENTRIES_PER_STEP = 64;

  private FlowEngine() {}

  /** A new call to a number answered by {@code flowId}: enters its published start node. */
  public static Step start(
      CallContext context, String flowId, String from, String to, Instant now) {
    CallContext.PublishedFlow published =
        context
            .flows()
            .published(flowId)
            .orElseThrow(() -> new IllegalStateException("flow '" + flowId + "' is not published"));
    CallState state =
        CallState.begin(flowId, published.version(), context.defaultLanguage(), from, to, now);
    Turn turn = new Turn(context, published.flow(), state, now);
    return run(turn, Next.go(published.flow().start()));
  }

  /** An event on a call in progress. Events after the call ended change nothing. */
  public static Step step(CallContext context, CallState state, CallEvent event, Instant now) {
    if (state.ended()) {
      return new Step(state, java.util.List.of());
    }
    Flow flow =
        context
            .flows()
            .version(state.flowId(), state.flowVersion())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "flow " + state.flowId() + " v" + state.flowVersion() + " is gone"));
    Turn turn = new Turn(context, flow, state, now);
    Node node = flow.nodeOrThrow(state.node());
    Next next =
        event instanceof CallEvent.Hangup
            ? new Next.End(node.hangupOutcome(), Optional.empty())
            : node.on(turn, event);
    return run(turn, next);
  }

  private static Step run(Turn turn, Next first) {
    Next next = first;
    for (int entries = 0; entries <= MAX_ENTRIES_PER_STEP; entries++) {
      switch (next) {
        case Next.Stay stay -> {
          return new Step(turn.state(), turn.actions());
        }
        case Next.End end -> {
          turn.end(end.outcome(), end.answeredBy());
          if (!turn.emitted(Action.Hangup.class)) {
            turn.emit(new Action.Hangup());
          }
          return new Step(turn.state(), turn.actions());
        }
        case Next.Go go -> {
          turn.enter(go.node());
          next = turn.flow().nodeOrThrow(go.node()).enter(turn);
        }
        case Next.Jump jump -> {
          CallContext.PublishedFlow target =
              turn.context()
                  .flows()
                  .published(jump.flowId())
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "subflow '" + jump.flowId() + "' is not published"));
          turn.switchFlow(target.flow(), target.version());
          next = Next.go(target.flow().start());
        }
      }
    }
    // Validation rejects such flows; this guards against a bug rather than a bad flow.
    turn.end(Outcome.FAILED, Optional.empty());
    turn.emit(new Action.Hangup());
    return new Step(turn.state(), turn.actions());
  }
}
