package io.civicline.routing.engine;

import io.civicline.core.validation.InvalidInputException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Plays a caller through a flow with the same engine live calls use, answering what the flow asks
 * from a list of inputs ("what happens on Christmas morning if someone presses 2?"). Where the
 * inputs run out, the caller stays silent, staff do not answer, and queues run to their limit.
 */
public final class Simulator {
  static final int MAX_STEPS = 200;
  static final int QUEUE_TICK_SECONDS = 30;

  private Simulator() {}

  /** One simulated move of the caller, staff or network. */
  public sealed interface Input {
    record Keys(String digits) implements Input {}

    record Says(String text) implements Input {}

    record Silence() implements Input {}

    record Answer(Optional<String> staffId) implements Input {}

    record NoAnswer(CallEvent.DialStatus status) implements Input {}

    record Wait(int seconds) implements Input {}

    record Hangup() implements Input {}

    /** How a mailbox the caller tries to open answers: with the right PIN or not. */
    record Opens(boolean accepted) implements Input {}

    /**
     * Reads the short forms admins type: {@code 1}, {@code 12#}, {@code say:clerk}, {@code
     * silence}, {@code answer}, {@code answer:<staff>}, {@code no-answer}, {@code busy}, {@code
     * wait:<seconds>}, {@code hangup}, {@code open:accepted}, {@code open:refused}.
     */
    static Input parse(String text, String pointer) {
      String t = text.strip();
      if (t.matches("[0-9*#]{1,20}")) {
        return new Keys(t);
      }
      if (t.startsWith("say:") && t.length() > 4) {
        return new Says(t.substring(4).strip());
      }
      if (t.startsWith("answer:") && t.length() > 7) {
        return new Answer(Optional.of(t.substring(7).strip()));
      }
      if (t.startsWith("wait:") && t.substring(5).matches("[0-9]{1,5}")) {
        return new Wait(Integer.parseInt(t.substring(5)));
      }
      return switch (t) {
        case "silence" -> new Silence();
        case "answer" -> new Answer(Optional.empty());
        case "no-answer" -> new NoAnswer(CallEvent.DialStatus.NO_ANSWER);
        case "busy" -> new NoAnswer(CallEvent.DialStatus.BUSY);
        case "hangup" -> new Hangup();
        case "open:accepted" -> new Opens(true);
        case "open:refused" -> new Opens(false);
        default ->
            throw new InvalidInputException(
                pointer,
                "'"
                    + text
                    + "' is not an input: use keys (1, 12#), say:<words>, silence, answer,"
                    + " answer:<staff>, no-answer, busy, wait:<seconds>, hangup, open:accepted or"
                    + " open:refused");
      };
    }
  }

  /** One step of the trace: the node the call ended up in, what it did, what answered it. */
  public record Entry(List<String> nodes, List<Action> actions, Optional<String> answeredWith) {}

  /** The whole simulated call. */
  public record Trace(List<Entry> entries, CallState state) {
    public Outcome outcome() {
      return state.outcome().orElse(Outcome.HUNG_UP);
    }
  }

  public static List<Input> parseAll(List<String> texts) {
    List<Input> inputs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      inputs.add(Input.parse(texts.get(i), "#/inputs/" + i));
    }
    return inputs;
  }

  public static Trace run(
      CallContext context, String flowId, String from, String to, Instant at, List<Input> inputs) {
    Deque<Input> queue = new ArrayDeque<>(inputs);
    List<Entry> entries = new ArrayList<>();
    Step step = FlowEngine.start(context, flowId, from, to, at);
    entries.add(new Entry(step.state().path(), step.actions(), Optional.empty()));
    Instant now = at;
    int queueWait = 0;
    boolean inQueue = has(step.actions(), Action.Enqueue.class);
    for (int i = 0; i < MAX_STEPS && !step.state().ended(); i++) {
      Optional<Reply> reply = reply(step, queue, queueWait, inQueue);
      if (reply.isEmpty()) {
        break;
      }
      queueWait = reply.get().queueWait();
      now = at.plusSeconds(queueWait);
      int visited = step.state().path().size();
      step = FlowEngine.step(context, step.state(), reply.get().event(), now);
      inQueue = stillInQueue(inQueue, reply.get().event(), step);
      List<String> path = step.state().path();
      entries.add(
          new Entry(
              path.subList(Math.min(visited, path.size()), path.size()),
              step.actions(),
              Optional.of(reply.get().said())));
    }
    return new Trace(List.copyOf(entries), step.state());
  }

  private record Reply(CallEvent event, String said, int queueWait) {}

  /**
   * Whether the caller waits in a queue after {@code step}. Tracked from Enqueue to QueueExited,
   * because a queue's announcement may itself gather a key (the callback offer).
   */
  private static boolean stillInQueue(boolean wasInQueue, CallEvent event, Step step) {
    if (step.state().ended()) {
      return false;
    }
    if (has(step.actions(), Action.Enqueue.class)) {
      return true;
    }
    return wasInQueue && !(event instanceof CallEvent.QueueExited);
  }

  /** The answer to what the last actions wait for. */
  private static Optional<Reply> reply(
      Step step, Deque<Input> inputs, int queueWait, boolean inQueue) {
    List<Action> actions = step.actions();
    Input next = inputs.peek();
    if (next instanceof Input.Hangup) {
      inputs.pop();
      return Optional.of(new Reply(new CallEvent.Hangup(), "caller hangs up", queueWait));
    }
    if (has(actions, Action.LeaveQueue.class)) {
      return Optional.of(
          new Reply(
              new CallEvent.QueueExited(CallEvent.QueueExit.LEFT, Optional.empty()),
              "leaves the queue",
              queueWait));
    }
    if (has(actions, Action.Record.class)) {
      return Optional.of(
          new Reply(new CallEvent.RecordingDone("simulated", 20), "records a message", queueWait));
    }
    if (has(actions, Action.Dial.class)) {
      return Optional.of(dialReply(inputs, actions, queueWait));
    }
    if (has(actions, Action.OpenMailbox.class)) {
      return Optional.of(openReply(inputs, step.state(), queueWait));
    }
    if (inQueue) {
      return Optional.of(queueReply(inputs, queueWait));
    }
    if (has(actions, Action.Gather.class)) {
      return Optional.of(gatherReply(inputs, queueWait));
    }
    return Optional.empty();
  }

  private static Reply gatherReply(Deque<Input> inputs, int queueWait) {
    Input next = inputs.poll();
    return switch (next) {
      case Input.Keys keys ->
          new Reply(new CallEvent.Digits(keys.digits()), "presses " + keys.digits(), queueWait);
      case Input.Says says ->
          new Reply(new CallEvent.Speech(says.text()), "says \"" + says.text() + "\"", queueWait);
      case null, default -> new Reply(new CallEvent.NoInput(), "stays silent", queueWait);
    };
  }

  private static Reply dialReply(Deque<Input> inputs, List<Action> actions, int queueWait) {
    Action.Dial dial =
        (Action.Dial)
            actions.stream().filter(Action.Dial.class::isInstance).findFirst().orElseThrow();
    Input next = inputs.peek();
    if (next instanceof Input.Answer answer) {
      inputs.pop();
      String by =
          answer
              .staffId()
              .orElse(dial.targets().isEmpty() ? null : dial.targets().get(0).staffId());
      return new Reply(
          CallEvent.DialEnded.answered(by),
          "answered" + (by == null ? "" : " by " + by),
          queueWait);
    }
    if (next instanceof Input.NoAnswer none) {
      inputs.pop();
      return new Reply(
          CallEvent.DialEnded.notAnswered(none.status()),
          none.status().name().toLowerCase().replace('_', '-'),
          queueWait);
    }
    return new Reply(
        CallEvent.DialEnded.notAnswered(CallEvent.DialStatus.NO_ANSWER), "no-answer", queueWait);
  }

  /**
   * A mailbox opens only on {@code open:accepted}, then holds one sample new message received an
   * hour before the call; anything else (or nothing) is a refusal.
   */
  private static Reply openReply(Deque<Input> inputs, CallState state, int queueWait) {
    if (inputs.peek() instanceof Input.Opens opens) {
      inputs.pop();
      if (opens.accepted()) {
        CallEvent.MessageSummary sample =
            new CallEvent.MessageSummary(
                "simulated",
                state.startedAt().minusSeconds(3600),
                "+15555550100",
                20,
                "simulated:message",
                true,
                false);
        return new Reply(
            new CallEvent.MailboxOpened(CallEvent.MailboxResult.ACCEPTED, List.of(sample)),
            "the mailbox opens",
            queueWait);
      }
    }
    return new Reply(CallEvent.MailboxOpened.refused(), "the mailbox refuses the PIN", queueWait);
  }

  private static Reply queueReply(Deque<Input> inputs, int queueWait) {
    Input next = inputs.peek();
    if (next instanceof Input.Keys keys) {
      inputs.pop();
      return new Reply(
          new CallEvent.Digits(keys.digits()),
          "presses " + keys.digits() + " while waiting",
          queueWait);
    }
    if (next instanceof Input.Answer answer) {
      inputs.pop();
      return new Reply(
          new CallEvent.QueueExited(CallEvent.QueueExit.BRIDGED, answer.staffId()),
          "is answered from the queue",
          queueWait);
    }
    int waited = queueWait;
    if (next instanceof Input.Wait wait) {
      inputs.pop();
      waited += wait.seconds();
    } else {
      waited += QUEUE_TICK_SECONDS;
    }
    return new Reply(
        new CallEvent.QueueWait(1, waited, 120), "waits in the queue (" + waited + " s)", waited);
  }

  private static boolean has(List<Action> actions, Class<? extends Action> kind) {
    return actions.stream().anyMatch(kind::isInstance);
  }
}
