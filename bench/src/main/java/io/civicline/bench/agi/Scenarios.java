package io.civicline.bench.agi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scenarios {@code AgiLoad --scenarios} can name. A new one is one {@link #register} line in
 * {@link #builtIn()}.
 */
public final class Scenarios {
  /** Every other scenario's numbers are reported relative to this one's, at the same load. */
  public static final String BASELINE = "baseline";

  private final Map<String, Scenario> byName = new LinkedHashMap<>();

  public static Scenarios builtIn() {
    Scenarios scenarios = new Scenarios();
    scenarios.register(
        new Scenario(
            BASELINE,
            "ANSWER, GET DATA, HANGUP: the cheapest call that can still be held",
            () -> ScriptedHandlers::baseline));
    scenarios.register(
        new Scenario(
            "ivr",
            "a scripted town IVR: session mark, prompt, menu, dial, voicemail (no engine)",
            () -> ScriptedHandlers::ivr));
    scenarios.register(
        new Scenario(
            "flow",
            "the real flow driver: demo township in a private Redis, engine, state writes, CDRs",
            new FlowScenario()));
    return scenarios;
  }

  public Scenarios register(Scenario scenario) {
    if (byName.putIfAbsent(scenario.name(), scenario) != null) {
      throw new IllegalArgumentException("scenario '" + scenario.name() + "' exists already");
    }
    return this;
  }

  public Optional<Scenario> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Scenario> all() {
    return byName.values();
  }
}
