package io.civicline.routing.engine;

import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.Prompt;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of the engine as a node sees it: the call's state, the town's context, the time, and the
 * actions emitted so far. Nodes change the state only through its methods.
 */
public final class Turn {
  private final CallContext context;
  private final Instant now;
  private final List<Action> actions = new ArrayList<>();
  private CallState state;
  private Flow flow;

  Turn(CallContext context, Flow flow, CallState state, Instant now) {
    this.context = context;
    this.flow = flow;
    this.state = state;
    this.now = now;
  }

  public CallContext context() {
    return context;
  }

  public CallState state() {
    return state;
  }

  public Flow flow() {
    return flow;
  }

  public Instant now() {
    return now;
  }

  /** The local time in the town. */
  public ZonedDateTime localNow() {
    return now.atZone(context.timeZone());
  }

  public String language() {
    return state.language();
  }

  public void emit(Action action) {
    actions.add(action);
  }

  /** Says (or plays) a prompt in the caller's language, falling back to the town's default. */
  public void say(Prompt prompt) {
    localized(prompt).ifPresent(this::emit);
  }

  /** The prompt as one action in the caller's language, if it has any text. */
  public java.util.Optional<Action> localized(Prompt prompt) {
    return prompt
        .in(language(), context.defaultLanguage())
        .map(text -> new Action.Say(text.text(), text.language()));
  }

  public void phrase(Phrases phrase, Object... args) {
    emit(phrase.in(language(), args));
  }

  public int counter(String name) {
    return state.counter(name);
  }

  public void setCounter(String name, int value) {
    state = state.withCounter(name, value);
  }

  public void setLanguage(String language) {
    state = state.withLanguage(language);
  }

  public void setVariables(Map<String, String> values) {
    state = state.withVariables(values);
  }

  /** The call reached a department's ring or queue node: the department's call history shows it. */
  public void reachedDepartment(String department) {
    state = state.reachedDepartment(department);
  }

  public void queuedNow() {
    state = state.queuedSince(now);
  }

  void enter(String node) {
    state = state.at(node);
  }

  void switchFlow(Flow next, int version) {
    flow = next;
    state = state.inFlow(next.id(), version);
  }

  void end(Outcome outcome, java.util.Optional<String> answeredBy) {
    state = state.endedAs(outcome, answeredBy);
  }

  List<Action> actions() {
    return actions;
  }

  boolean emitted(Class<? extends Action> kind) {
    return actions.stream().anyMatch(kind::isInstance);
  }
}
