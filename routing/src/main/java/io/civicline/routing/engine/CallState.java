package io.civicline.routing.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one call is in its flow. Immutable; the engine returns a new state each step. Stored by the
 * channel (e.g. in Redis by call id) so any node can serve the next webhook.
 *
 * @param flowVersion the published version the call started on (or jumped to), never changed by a
 *     later publish
 * @param counters retries and positions per node, reset when the call enters a node again
 * @param path every node visited, for the call record
 */
public record CallState(
    String flowId,
    int flowVersion,
    String node,
    String language,
    String caller,
    String called,
    Instant startedAt,
    Map<String, Integer> counters,
    Map<String, String> variables,
    List<String> path,
    Optional<Instant> queuedAt,
    Optional<Outcome> outcome,
    Optional<String> answeredBy) {

  public CallState {
    counters = Map.copyOf(counters);
    variables = Map.copyOf(variables);
    path = List.copyOf(path);
  }

  static CallState begin(
      String flowId, int version, String language, String caller, String called, Instant now) {
    return new CallState(
        flowId,
        version,
        "",
        language,
        caller,
        called,
        now,
        Map.of(),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public boolean ended() {
    return outcome.isPresent();
  }

  /** Seconds the caller waited in a queue, so far or in all. */
  public long queueWaitSeconds(Instant now) {
    return queuedAt.map(at -> Math.max(0, now.getEpochSecond() - at.getEpochSecond())).orElse(0L);
  }

  CallState at(String nodeId) {
    List<String> visited = new ArrayList<>(path);
    visited.add(nodeId);
    Map<String, Integer> fresh = new LinkedHashMap<>(counters);
    fresh.keySet().removeIf(key -> key.startsWith(nodeId + "."));
    return change(
        c -> {
          c.node = nodeId;
          c.counters = fresh;
          c.path = visited;
        });
  }

  CallState inFlow(String id, int version) {
    return change(
        c -> {
          c.flowId = id;
          c.flowVersion = version;
        });
  }

  CallState withLanguage(String newLanguage) {
    return change(c -> c.language = newLanguage);
  }

  CallState withCounter(String name, int value) {
    Map<String, Integer> updated = new LinkedHashMap<>(counters);
    updated.put(node + "." + name, value);
    return change(c -> c.counters = updated);
  }

  int counter(String name) {
    return counters.getOrDefault(node + "." + name, 0);
  }

  /** Where {@link #departmentsReached()} is kept: an internal variable, like a ring's order. */
  static final String DEPARTMENTS = "_departments";

  /** The departments whose ring or queue nodes the call reached, in the order it reached them. */
  public List<String> departmentsReached() {
    String joined = variables.getOrDefault(DEPARTMENTS, "");
    return joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  CallState reachedDepartment(String department) {
    List<String> reached = new ArrayList<>(departmentsReached());
    if (reached.contains(department)) {
      return this;
    }
    reached.add(department);
    return withVariables(Map.of(DEPARTMENTS, String.join(",", reached)));
  }

  CallState withVariables(Map<String, String> values) {
    Map<String, String> updated = new LinkedHashMap<>(variables);
    updated.putAll(values);
    return change(c -> c.variables = updated);
  }

  CallState queuedSince(Instant at) {
    return change(c -> c.queuedAt = Optional.of(at));
  }

  CallState endedAs(Outcome how, Optional<String> by) {
    return change(
        c -> {
          c.outcome = Optional.of(how);
          c.answeredBy = by;
        });
  }

  /** A copy with some fields changed: records have no "with", so one place lists them all. */
  private CallState change(java.util.function.Consumer<Change> edit) {
    Change change = new Change(this);
    edit.accept(change);
    return change.build();
  }

  private static final class Change {
    String flowId;
    int flowVersion;
    String node;
    String language;
    final String caller;
    final String called;
    final Instant startedAt;
    Map<String, Integer> counters;
    Map<String, String> variables;
    List<String> path;
    Optional<Instant> queuedAt;
    Optional<Outcome> outcome;
    Optional<String> answeredBy;

    Change(CallState from) {
      flowId = from.flowId;
      flowVersion = from.flowVersion;
      node = from.node;
      language = from.language;
      caller = from.caller;
      called = from.called;
      startedAt = from.startedAt;
      counters = from.counters;
      variables = from.variables;
      path = from.path;
      queuedAt = from.queuedAt;
      outcome = from.outcome;
      answeredBy = from.answeredBy;
    }

    CallState build() {
      return new CallState(
          flowId,
          flowVersion,
          node,
          language,
          caller,
          called,
          startedAt,
          counters,
          variables,
          path,
          queuedAt,
          outcome,
          answeredBy);
    }
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("flowId", flowId)
            .put("flowVersion", flowVersion)
            .put("node", node)
            .put("language", language)
            .put("caller", caller)
            .put("called", called)
            .put("startedAt", startedAt.toString())
            .put("counters", new JsonObject(new LinkedHashMap<>(counters)))
            .put("variables", new JsonObject(new LinkedHashMap<>(variables)))
            .put("path", new JsonArray(new ArrayList<>(path)));
    queuedAt.ifPresent(at -> json.put("queuedAt", at.toString()));
    outcome.ifPresent(o -> json.put("outcome", o.name()));
    answeredBy.ifPresent(by -> json.put("answeredBy", by));
    return json;
  }

  public static CallState fromJson(JsonObject json) {
    Map<String, Integer> counters = new LinkedHashMap<>();
    json.getJsonObject("counters")
        .forEach(e -> counters.put(e.getKey(), ((Number) e.getValue()).intValue()));
    Map<String, String> variables = new LinkedHashMap<>();
    json.getJsonObject("variables")
        .forEach(e -> variables.put(e.getKey(), String.valueOf(e.getValue())));
    List<String> path = json.getJsonArray("path").stream().map(String::valueOf).toList();
    return new CallState(
        json.getString("flowId"),
        json.getInteger("flowVersion"),
        json.getString("node"),
        json.getString("language"),
        json.getString("caller"),
        json.getString("called"),
        Instant.parse(json.getString("startedAt")),
        counters,
        variables,
        path,
        Optional.ofNullable(json.getString("queuedAt")).map(Instant::parse),
        Optional.ofNullable(json.getString("outcome")).map(Outcome::valueOf),
        Optional.ofNullable(json.getString("answeredBy")));
  }
}
