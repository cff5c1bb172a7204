package io.civicline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void readsEveryOption() {
    LoadOptions options =
        LoadOptions.parse(
            "--calls",
            "10,20",
            "--scenarios",
            "ivr",
            "--hold-ms",
            "0",
            "--max-calls",
            "30",
            "--digits",
            "2,3",
            "--var",
            "DIALSTATUS=ANSWER",
            "--warmup-calls",
            "0");

    assertThat(options.calls()).containsExactly(10, 20);
    assertThat(options.scenarios()).containsExactly("ivr");
    assertThat(options.hold()).isZero();
    assertThat(options.maxCalls()).isEqualTo(30);
    assertThat(options.replies().digits()).containsExactly("2", "3");
    assertThat(options.replies().variables()).containsEntry("DIALSTATUS", "ANSWER");
    assertThat(options.warmupCalls()).isZero();
  }

  @Test
  void rejectsWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> LoadOptions.parse("--calls", "0")).hasMessageContaining("above 0");
    assertThatThrownBy(() -> LoadOptions.parse("--bogus", "1")).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> LoadOptions.parse("--calls")).hasMessageContaining("needs a value");
  }

  @Test
  void theBaselineAlwaysRunsFirst() {
    assertThat(AgiLoad.chosen(Scenarios.builtIn(), List.of("ivr")))
        .extracting(Scenario::name)
        .containsExactly("baseline", "ivr");
    assertThatThrownBy(() -> AgiLoad.chosen(Scenarios.builtIn(), List.of("nope")))
        .hasMessageContaining("unknown scenario 'nope'");
  }
}
