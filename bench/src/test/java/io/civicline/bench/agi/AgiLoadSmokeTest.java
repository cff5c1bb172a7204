package io.civicline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the load tool measures what it claims, on a small load. Asserts behaviour only (every call
 * held and completed, latencies recorded), never how fast anything was.
 */
class AgiLoadSmokeTest {
  private static final int CALLS = 20;

  @Test
  void everyCallOfEveryScenarioIsHeldAtOnceAndCompletes() throws Exception {
    LoadOptions options = LoadOptions.smoke();
    List<LoadResult> results = AgiLoad.run(options, AgiLoad.chosen(Scenarios.builtIn(), List.of()));

    assertThat(results).extracting(LoadResult::scenario).containsExactly("baseline", "ivr", "flow");
    for (LoadResult r : results) {
      assertThat(r.calls()).isEqualTo(CALLS);
      assertThat(r.completed()).as(r.scenario() + " completed").isEqualTo(CALLS);
      assertThat(r.failed()).as(r.scenario() + " failed, first: " + r.problem()).isZero();
      assertThat(r.rejected()).isZero();
      assertThat(r.allHeld()).isTrue();
      assertThat(r.heldByServer()).as(r.scenario() + " held by server").isEqualTo(CALLS);
      assertThat(r.heldByClient()).as(r.scenario() + " held by client").isEqualTo(CALLS);
      assertThat(r.firstCommand().count()).isEqualTo(CALLS);
      assertThat(r.afterHold().count()).isEqualTo(CALLS);
      assertThat(r.firstCommand().p99()).isPositive();
    }
    // baseline: ANSWER, GET DATA, HANGUP = one first command, one turn, one after the hold.
    assertThat(results.get(0).nextCommand().count()).isEqualTo(CALLS);
    // ivr with no answer: 11 commands = one first, one after the hold, nine turns.
    assertThat(results.get(1).nextCommand().count()).isEqualTo(9 * CALLS);
  }

  @Test
  void callsOverTheServerLimitAreRejectedAndTheRestHeld() throws Exception {
    LoadOptions options = LoadOptions.smoke().withMaxCalls(5);
    Scenario baseline = Scenarios.builtIn().named(Scenarios.BASELINE).orElseThrow();

    LoadResult r = new LoadRun(options).run(baseline, CALLS);

    // The held calls keep their permits until every rejected call has ended, so this is exact.
    assertThat(r.rejected()).isEqualTo(CALLS - 5);
    assertThat(r.unserved()).isEqualTo(CALLS - 5);
    assertThat(r.completed()).isEqualTo(5);
    assertThat(r.failed()).isZero();
    assertThat(r.heldByServer()).isEqualTo(5);
    assertThat(r.heldByClient()).isEqualTo(5);
  }

  @Test
  void aHandlerThatBreaksIsCountedAsFailed() throws Exception {
    Scenario broken =
        new Scenario(
            "broken",
            "answers, then throws",
            () ->
                session -> {
                  session.send("ANSWER");
                  throw new IllegalStateException("bench: deliberately broken handler");
                });

    LoadResult r = new LoadRun(LoadOptions.smoke().withHold(Duration.ZERO)).run(broken, 3);

    assertThat(r.failed()).isEqualTo(3);
  }
}
