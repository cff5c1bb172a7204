package io.civicline.bench.engine;

import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.CallState;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One engine call per operation, from a call state prepared once: what a channel pays per webhook
 * or AGI turn once the town's context is loaded. {@link #baseline} is a trivial but real step (one
 * key on a two-node flow); {@link FlowEngineBench} reports the others as ratios to it, so a change
 * that slows every step alike shows in the baseline, and one that slows a kind of node shows in its
 * ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowEngineBenchmark {
  public static final String BASELINE = "baseline";

  private final Instant now = BenchTown.TUESDAY_MORNING.plusSeconds(10);
  private final CallEvent pressOne = new CallEvent.Digits("1");
  private final CallEvent noAnswer =
      CallEvent.DialEnded.notAnswered(CallEvent.DialStatus.NO_ANSWER);
  private final CallEvent answered = CallEvent.DialEnded.answered("maria-gonzalez");

  private CallContext town;
  private CallState tinyAtMenu;
  private CallState townAtMenu;
  private CallState townRinging;

  @Setup
  public void prepareCalls() {
    town = BenchTown.context();
    tinyAtMenu = Calls.atTinyMenu(town).state();
    townAtMenu = Calls.atTownMenu(town).state();
    townRinging = Calls.ringingClerk(town).state();
  }

  /** A menu key on a two-node flow that hangs up: menu handling without any town lookups. */
  @Benchmark
  public Step baseline() {
    return FlowEngine.step(town, tinyAtMenu, pressOne, now);
  }

  /** A new call: schedule check (hours, holidays, closures), then the menu's gather. */
  @Benchmark
  public Step startTownFlow() {
    return FlowEngine.start(town, BenchTown.MAIN, BenchTown.CALLER, BenchTown.NUMBER, now);
  }

  /** The caller presses 1: the ring node picks available clerks and dials them. */
  @Benchmark
  public Step menuDigitToRing() {
    return FlowEngine.step(town, townAtMenu, pressOne, now);
  }

  /** Nobody answered: on to the clerk's voicemail greeting and recording. */
  @Benchmark
  public Step dialNoAnswerToVoicemail() {
    return FlowEngine.step(town, townRinging, noAnswer, now);
  }

  /** A clerk answered: the call ends as answered. */
  @Benchmark
  public Step dialAnswered() {
    return FlowEngine.step(town, townRinging, answered, now);
  }
}
