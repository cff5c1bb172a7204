package io.civicline.bench.agi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Loopback load tool for the FastAGI server: places many simulated Asterisk calls at once against a
 * real {@code FastAgiServer} on 127.0.0.1, per scenario, and reports how many calls were held
 * concurrently and how fast the server answered, as ratios to the baseline scenario measured in the
 * same run. Options: {@link LoadOptions#usage()}.
 */
public final class AgiLoad {
  private AgiLoad() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(LoadOptions.usage());
      return;
    }
    LoadOptions options;
    List<Scenario> scenarios;
    try {
      options = LoadOptions.parse(args);
      scenarios = chosen(Scenarios.builtIn(), options.scenarios());
    } catch (IllegalArgumentException e) {
      System.err.println("AgiLoad: " + e.getMessage());
      System.err.print(LoadOptions.usage());
      System.exit(2);
      return;
    }
    List<LoadResult> results = run(options, scenarios);
    System.out.print(LoadReport.render(options, results));
    boolean broken = results.stream().anyMatch(r -> r.failed() > 0);
    System.exit(broken ? 1 : 0);
  }

  /** Warms up, then runs every scenario at every load, the baseline first at each load. */
  static List<LoadResult> run(LoadOptions options, List<Scenario> scenarios)
      throws IOException, InterruptedException {
    LoadRun load = new LoadRun(options);
    if (options.warmupCalls() > 0) {
      for (Scenario scenario : scenarios) {
        progress("warm-up: %s, %d calls", scenario.name(), options.warmupCalls());
        load.run(scenario, Math.min(options.warmupCalls(), options.maxCalls()));
      }
    }
    List<LoadResult> results = new ArrayList<>();
    for (int calls : options.calls()) {
      for (Scenario scenario : scenarios) {
        progress("%s: %d calls", scenario.name(), calls);
        results.add(load.run(scenario, calls));
      }
    }
    return results;
  }

  /** The baseline, then the named scenarios (all registered ones when none are named). */
  static List<Scenario> chosen(Scenarios registry, List<String> names) {
    Set<String> wanted = new LinkedHashSet<>();
    wanted.add(Scenarios.BASELINE);
    if (names.isEmpty()) {
      registry.all().forEach(s -> wanted.add(s.name()));
    } else {
      wanted.addAll(names);
    }
    List<Scenario> chosen = new ArrayList<>();
    for (String name : wanted) {
      chosen.add(
          registry
              .named(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown scenario '"
                              + name
                              + "'; known: "
                              + registry.all().stream().map(Scenario::name).toList())));
    }
    return chosen;
  }

  /** Progress goes to stderr so stdout is only the report. */
  private static void progress(String format, Object... args) {
    System.err.printf("AgiLoad: " + format + "%n", args);
  }
}
