package io.civicline.bench.agi;

import io.civicline.signaling.asterisk.agi.AgiSessionHandler;
import java.util.function.Supplier;

/**
 * What the FastAGI server under load runs for each call.
 *
 * @param handlers makes the handler for one load run (one server); called once per run, so a
 *     handler may keep per-run state such as a loaded town
 */
public record Scenario(String name, String description, Supplier<AgiSessionHandler> handlers) {}
