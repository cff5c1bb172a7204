package io.civicline.bench.engine;

import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;

/**
 * The call states the benchmarks start from, each reached through the engine itself so they stay
 * valid when the engine's state format changes.
 */
final class Calls {
  private Calls() {}

  static Step atTinyMenu(CallContext town) {
    return start(town, BenchTown.TINY);
  }

  static Step atTownMenu(CallContext town) {
    return start(town, BenchTown.MAIN);
  }

  static Step ringingClerk(CallContext town) {
    return FlowEngine.step(
        town,
        atTownMenu(town).state(),
        new CallEvent.Digits("1"),
        BenchTown.TUESDAY_MORNING.plusSeconds(5));
  }

  private static Step start(CallContext town, String flowId) {
    return FlowEngine.start(
        town, flowId, BenchTown.CALLER, BenchTown.NUMBER, BenchTown.TUESDAY_MORNING);
  }
}
