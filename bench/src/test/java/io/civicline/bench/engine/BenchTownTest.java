package io.civicline.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Step;
import org.junit.jupiter.api.Test;

/** Each benchmark measures the step its name promises, not an error path. */
class BenchTownTest {
  private final CallContext town = BenchTown.context();
  private final FlowEngineBenchmark benchmark = new FlowEngineBenchmark();

  BenchTownTest() {
    benchmark.prepareCalls();
  }

  @Test
  void theBaselineEndsTheTinyCall() {
    Step step = benchmark.baseline();
    assertThat(step.state().outcome()).isPresent();
    assertThat(step.actions()).last().isInstanceOf(Action.Hangup.class);
  }

  @Test
  void startingTheTownFlowPassesTheScheduleAndWaitsInTheMenu() {
    Step step = benchmark.startTownFlow();
    assertThat(step.state().path()).containsExactly("office-hours", "main-menu");
    assertThat(step.actions()).singleElement().isInstanceOf(Action.Gather.class);
  }

  @Test
  void pressingOneRingsTheAvailableClerks() {
    Step step = benchmark.menuDigitToRing();
    Action.Dial dial = (Action.Dial) step.actions().getLast();
    assertThat(step.state().node()).isEqualTo("clerk-ring");
    assertThat(dial.targets()).isNotEmpty();
  }

  @Test
  void anUnansweredDialGoesToVoicemail() {
    Step step = benchmark.dialNoAnswerToVoicemail();
    assertThat(step.state().node()).isEqualTo("clerk-voicemail");
    assertThat(step.actions()).anyMatch(Action.Record.class::isInstance);
  }

  @Test
  void anAnsweredDialEndsTheCallAsAnswered() {
    Step step = benchmark.dialAnswered();
    assertThat(step.state().outcome()).contains(Outcome.ANSWERED);
  }

  @Test
  void theTownIsOpenOnTuesdayMorning() {
    Step step =
        FlowEngine.start(
            town,
            BenchTown.MAIN,
            BenchTown.CALLER,
            BenchTown.NUMBER,
            BenchTown.TUESDAY_MORNING.plusSeconds(12 * 3600));
    assertThat(step.state().path()).contains("closed-message");
  }
}
