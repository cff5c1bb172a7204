package io.civicline.signaling.asterisk.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An asynchronous {@code Originate}: Asterisk dials {@code channel} (e.g. {@code PJSIP/101} or
 * {@code Local/5551234@from-pstn}) and, once answered, sends it to {@code context}/{@code
 * exten}/{@code priority}. {@code callerId} ({@code "Name" <number>}) may be null; {@code timeout}
 * is how long it rings; {@code variables} become channel variables (kept in the given order).
 */
public record Originate(
    String channel,
    String context,
    String exten,
    int priority,
    String callerId,
    Duration timeout,
    Map<String, String> variables) {

  public Originate {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(exten, "exten");
    Objects.requireNonNull(timeout, "timeout");
    if (priority < 1) {
      throw new IllegalArgumentException("priority starts at 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    variables = copyInOrder(Objects.requireNonNull(variables, "variables"));
    for (String name : variables.keySet()) {
      if (name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException("bad channel variable name: '" + name + "'");
      }
      Objects.requireNonNull(variables.get(name), "value of " + name);
    }
  }

  /**
   * The action, headers in the order of the recorded client ({@code ami-call-events}): {@code
   * Channel, CallerID, Async, Timeout, Context, Exten, Priority, Variable...}.
   */
  AmiAction toAction() {
    AmiAction action = AmiAction.of("Originate").with("Channel", channel);
    if (callerId != null) {
      action = action.with("CallerID", callerId);
    }
    action =
        action
            .with("Async", "true")
            .with("Timeout", String.valueOf(timeout.toMillis()))
            .with("Context", context)
            .with("Exten", exten)
            .with("Priority", String.valueOf(priority));
    for (Map.Entry<String, String> v : variables.entrySet()) {
      action = action.with("Variable", v.getKey() + "=" + v.getValue());
    }
    return action;
  }

  private static Map<String, String> copyInOrder(Map<String, String> variables) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
