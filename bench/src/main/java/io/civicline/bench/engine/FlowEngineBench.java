package io.civicline.bench.engine;

import io.civicline.bench.report.Ratio;
import io.civicline.bench.report.TextTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link FlowEngineBenchmark} and prints each benchmark as a ratio to its baseline, measured
 * in the same JVM fork: absolute ops/s depend on the machine, the ratios much less.
 *
 * <p>Options: {@code --quick} (short iterations, for a smoke check; numbers are noisy), {@code
 * --verbose} (JMH's own progress output).
 */
public final class FlowEngineBench {
  private FlowEngineBench() {}

  public static void main(String[] args) throws RunnerException {
    List<String> flags = List.of(args);
    for (String flag : flags) {
      if (!flag.equals("--quick") && !flag.equals("--verbose")) {
        System.err.println("usage: FlowEngineBench [--quick] [--verbose]");
        System.exit(2);
      }
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(FlowEngineBenchmark.class.getName() + "\\.")
            .verbosity(flags.contains("--verbose") ? VerboseMode.NORMAL : VerboseMode.SILENT);
    if (Runtime.version().feature() >= 24) {
      // JMH 1.37 uses sun.misc.Unsafe; without this each fork prints a deprecation warning.
      options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
    }
    if (flags.contains("--quick")) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(500));
    }
    System.out.println(
        "FlowEngine benchmarks"
            + (flags.contains("--quick") ? " (quick: noisy, for a smoke check)" : "")
            + ": running...");
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.print(table(rows(results)).render());
    System.out.println(
        "ratio vs baseline = ops/s / baseline ops/s (1.00× = as fast as the baseline);"
            + " cost = baseline ops/s / ops/s (how many baseline steps one operation costs).");
  }

  /** One benchmark's score; {@code error} is JMH's 99.9% confidence half-width. */
  record Row(String benchmark, double opsPerSecond, double error) {}

  static List<Row> rows(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      rows.add(
          new Row(
              name.substring(name.lastIndexOf('.') + 1),
              result.getPrimaryResult().getScore(),
              result.getPrimaryResult().getScoreError()));
    }
    // The baseline first, the rest in a stable order.
    rows.sort(
        (a, b) ->
            a.benchmark().equals(FlowEngineBenchmark.BASELINE)
                ? -1
                : b.benchmark().equals(FlowEngineBenchmark.BASELINE)
                    ? 1
                    : a.benchmark().compareTo(b.benchmark()));
    return rows;
  }

  static TextTable table(List<Row> rows) {
    double baseline =
        rows.stream()
            .filter(row -> row.benchmark().equals(FlowEngineBenchmark.BASELINE))
            .mapToDouble(Row::opsPerSecond)
            .findFirst()
            .orElse(Double.NaN);
    TextTable table = new TextTable("benchmark", "ops/s", "± 99.9%", "ratio vs baseline", "cost");
    for (Row row : rows) {
      table.row(
          row.benchmark(),
          String.format(Locale.ROOT, "%,.0f", row.opsPerSecond()),
          String.format(Locale.ROOT, "±%,.0f", row.error()),
          Ratio.of(row.opsPerSecond(), baseline),
          Ratio.of(baseline, row.opsPerSecond()));
    }
    return table;
  }
}
