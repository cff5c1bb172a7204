package io.civicline.bench.agi;

import io.civicline.bench.report.Latencies;
import io.civicline.signaling.asterisk.agi.FastAgiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One load run: a fresh FastAGI server on a loopback port running one scenario, and {@code calls}
 * simulated Asterisk calls against it, all started at once.
 */
final class LoadRun {
  /** How long a call waits at the hold for the others, at most. */
  private static final Duration GATE_MAX_WAIT = Duration.ofSeconds(60);

  /** How long sessions may take to finish after the last call ended, before they count as cut. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final LoadOptions options;

  LoadRun(LoadOptions options) {
    this.options = options;
  }

  LoadResult run(Scenario scenario, int calls) throws IOException, InterruptedException {
    FastAgiServer.Options serverOptions =
        FastAgiServer.Options.defaults("127.0.0.1", 0).withMaxConcurrentCalls(options.maxCalls());
    FastAgiServer server = FastAgiServer.start(serverOptions, scenario.handlers().get());
    PeakGauge serverHeld = new PeakGauge();
    ActiveCallsSampler sampler = ActiveCallsSampler.start(server, serverHeld);
    SimulatedCall.Probes probes =
        new SimulatedCall.Probes(
            new HoldGate(
                calls,
                options.hold(),
                GATE_MAX_WAIT,
                () -> serverHeld.record(server.activeCalls())),
            new PeakGauge(),
            new Latencies(),
            new Latencies(),
            new Latencies());
    SimulatedCall.Settings settings =
        new SimulatedCall.Settings(
            new InetSocketAddress("127.0.0.1", server.port()),
            options.script(),
            options.replies(),
            options.readTimeout());
    long started = System.nanoTime();
    List<SimulatedCall.Result> results;
    try {
      results = placeCalls(calls, settings, probes);
    } finally {
      sampler.stop();
    }
    long wallMillis = (System.nanoTime() - started) / 1_000_000;
    int cutOff = server.shutdown(SHUTDOWN_GRACE);
    return result(scenario, calls, results, probes, server, serverHeld, cutOff, wallMillis);
  }

  private static List<SimulatedCall.Result> placeCalls(
      int calls, SimulatedCall.Settings settings, SimulatedCall.Probes probes)
      throws InterruptedException {
    List<Future<SimulatedCall.Result>> futures = new ArrayList<>(calls);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int id = 1; id <= calls; id++) {
        futures.add(threads.submit(new SimulatedCall(id, settings, probes)));
      }
      List<SimulatedCall.Result> results = new ArrayList<>(calls);
      for (Future<SimulatedCall.Result> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          results.add(new SimulatedCall.Result(SimulatedCall.Outcome.FAILED, e.toString()));
        }
      }
      return results;
    }
  }

  private static LoadResult result(
      Scenario scenario,
      int calls,
      List<SimulatedCall.Result> results,
      SimulatedCall.Probes probes,
      FastAgiServer server,
      PeakGauge serverHeld,
      int cutOff,
      long wallMillis) {
    Map<SimulatedCall.Outcome, Integer> counts = new EnumMap<>(SimulatedCall.Outcome.class);
    results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
    Optional<String> problem =
        results.stream()
            .filter(r -> r.outcome() == SimulatedCall.Outcome.FAILED)
            .map(SimulatedCall.Result::problem)
            .findFirst();
    return new LoadResult(
        scenario.name(),
        calls,
        counts.getOrDefault(SimulatedCall.Outcome.COMPLETED, 0),
        counts.getOrDefault(SimulatedCall.Outcome.UNSERVED, 0),
        counts.getOrDefault(SimulatedCall.Outcome.FAILED, 0) + (int) server.failed() + cutOff,
        server.rejected(),
        serverHeld.peak(),
        probes.inProgress().peak(),
        probes.gate().opened(),
        probes.firstCommand().summary(),
        probes.nextCommand().summary(),
        probes.afterHold().summary(),
        wallMillis,
        problem);
  }
}
