package io.civicline.routing.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives one call through the engine, step by step, keeping its state and the last actions. */
final class Call {
  private CallContext context;
  private Instant now;
  private Step step;

  private Call(CallContext context, Instant now, Step step) {
    this.context = context;
    this.now = now;
    this.step = step;
  }

  static Call start(CallContext context, String flowId, String from, Instant at) {
    return new Call(context, at, FlowEngine.start(context, flowId, from, Lakeside.MAIN_NUMBER, at));
  }

  static Call start(Lakeside town, String from, Instant at) {
    return start(town.context(), "main", from, at);
  }

  /** The event {@code seconds} after the previous one. */
  Call after(int seconds, CallEvent event) {
    now = now.plusSeconds(seconds);
    return send(event);
  }

  Call send(CallEvent event) {
    step = FlowEngine.step(context, step.state(), event, now);
    return this;
  }

  Call press(String digits) {
    return send(new CallEvent.Digits(digits));
  }

  Call say(String words) {
    return send(new CallEvent.Speech(words));
  }

  Call silence() {
    return send(new CallEvent.NoInput());
  }

  Call answeredBy(String staffId) {
    return send(CallEvent.DialEnded.answered(staffId));
  }

  Call noAnswer() {
    return send(CallEvent.DialEnded.notAnswered(CallEvent.DialStatus.NO_ANSWER));
  }

  /** The town's state changes between steps (presence, a new publish). */
  Call in(CallContext changed) {
    context = changed;
    return this;
  }

  CallState state() {
    return step.state();
  }

  Instant now() {
    return now;
  }

  List<Action> actions() {
    return step.actions();
  }

  /** The actions of the last step of one kind. */
  <T extends Action> List<T> actions(Class<T> kind) {
    return step.actions().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends Action> T only(Class<T> kind) {
    List<T> found = actions(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind.getSimpleName() + " in " + actions());
    }
    return found.get(0);
  }

  /** Every text said in the last step, including prompts inside a gather. */
  List<Action.Say> said() {
    List<Action.Say> said = new ArrayList<>();
    for (Action action : step.actions()) {
      if (action instanceof Action.Say say) {
        said.add(say);
      } else if (action instanceof Action.Gather gather) {
        gather.prompts().stream()
            .filter(Action.Say.class::isInstance)
            .map(Action.Say.class::cast)
            .forEach(said::add);
      }
    }
    return said;
  }

  List<String> saidTexts() {
    return said().stream().map(Action.Say::text).toList();
  }

  /** Who the last dial rings, as {@code client:<id>} or {@code number:<e164>}. */
  List<String> dialed() {
    return only(Action.Dial.class).targets().stream()
        .map(t -> t.kind().name().toLowerCase() + ":" + t.address())
        .toList();
  }
}
