package io.civicline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void alignsTextLeftAndNumbersRight() {
    String table =
        new TextTable("benchmark", "ops/s", "ratio")
            .row("baseline", "1,000", Ratio.of(1000, 1000))
            .row("start", "250", Ratio.of(250, 1000))
            .render();

    assertThat(table)
        .isEqualTo(
            """
            benchmark  ops/s  ratio
            ---------  -----  -----
            baseline   1,000  1.00×
            start        250  0.25×
            """);
  }

  @Test
  void aMissingBaselineGivesNoRatio() {
    assertThat(Ratio.of(5, 0)).isEqualTo("n/a");
    assertThat(Ratio.of(5, Double.NaN)).isEqualTo("n/a");
  }
}
