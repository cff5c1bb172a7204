package io.civicline.bench.agi;

import io.civicline.bench.report.Latencies;
import io.civicline.bench.report.Ratio;
import io.civicline.bench.report.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** AgiLoad's report: how many calls were held, and turn latencies as ratios to the baseline. */
final class LoadReport {
  private LoadReport() {}

  static String render(LoadOptions options, List<LoadResult> results) {
    Map<Integer, LoadResult> baselines =
        results.stream()
            .filter(r -> r.scenario().equals(Scenarios.BASELINE))
            .collect(Collectors.toMap(LoadResult::calls, Function.identity(), (a, b) -> a));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "FastAGI loopback load: server limit %d concurrent calls, hold %d ms, warm-up %d calls"
                + " per scenario%n%n",
            options.maxCalls(),
            options.hold().toMillis(),
            options.warmupCalls()));
    if (options.warmupCalls() == 0) {
      out.append(
          "(no warm-up: the first runs include JIT compilation; use the ratios of a full run)\n\n");
    }
    out.append("Calls (held = peak of calls open at once)\n");
    out.append(calls(results).render()).append('\n');
    out.append("Latency in µs: first = environment sent -> first command;")
        .append(" turn = reply sent -> next command;")
        .append(
            " after hold = the key press ending the hold -> next command (all calls at once)\n");
    out.append(latency(results, baselines).render());
    out.append(
        "vs baseline = this scenario's value / the baseline's at the same number of calls"
            + " (1.00× = no slower).\n");
    results.stream()
        .filter(r -> r.problem().isPresent() || !r.allHeld())
        .forEach(r -> out.append(notes(r)));
    return out.toString();
  }

  private static TextTable calls(List<LoadResult> results) {
    TextTable table =
        new TextTable(
            "calls",
            "scenario",
            "completed",
            "rejected",
            "failed",
            "held (server)",
            "held (client)",
            "wall ms");
    for (LoadResult r : results) {
      table.row(
          r.calls(),
          r.scenario(),
          r.completed(),
          r.rejected(),
          r.failed(),
          r.heldByServer() + (r.allHeld() ? "" : " *"),
          r.heldByClient(),
          r.wallMillis());
    }
    return table;
  }

  /** The three kinds of latency a call sees, each compared with the baseline's of its kind. */
  private enum Kind {
    FIRST("first", LoadResult::firstCommand),
    TURN("turn", LoadResult::nextCommand),
    AFTER_HOLD("after hold", LoadResult::afterHold);

    final String label;
    final Function<LoadResult, Latencies.Summary> of;

    Kind(String label, Function<LoadResult, Latencies.Summary> of) {
      this.label = label;
      this.of = of;
    }
  }

  private static TextTable latency(List<LoadResult> results, Map<Integer, LoadResult> baselines) {
    TextTable table =
        new TextTable(
            "calls",
            "scenario",
            "latency",
            "samples",
            "p50",
            "p90",
            "p99",
            "max",
            "p99 vs baseline");
    for (LoadResult r : results) {
      LoadResult base = baselines.get(r.calls());
      for (Kind kind : Kind.values()) {
        Latencies.Summary mine = kind.of.apply(r);
        table.row(
            r.calls(),
            r.scenario(),
            kind.label,
            mine.count(),
            micros(mine.p50()),
            micros(mine.p90()),
            micros(mine.p99()),
            micros(mine.max()),
            base == null ? "n/a" : Ratio.of(mine.p99(), kind.of.apply(base).p99()));
      }
    }
    return table;
  }

  private static String notes(LoadResult r) {
    StringBuilder note = new StringBuilder();
    String label = r.scenario() + " @ " + r.calls();
    if (!r.allHeld()) {
      note.append("* ")
          .append(label)
          .append(": not every call reached the hold; the held count is a lower bound\n");
    }
    r.problem()
        .ifPresent(
            p ->
                note.append("! ").append(label).append(": first failure: ").append(p).append('\n'));
    return note.toString();
  }

  private static String micros(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
  }
}
