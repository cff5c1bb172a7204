package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Phrases;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import java.util.List;
import java.util.Optional;

/**
 * Holds the caller in a department's queue, announcing their position and the estimated wait in
 * their language every {@code announceEvery} seconds, offering a callback that keeps their place,
 * and sending them to {@code overflow} after {@code maxWait}.
 */
public record QueueNode(
    String id,
    String department,
    int announceEverySeconds,
    boolean callback,
    int maxWaitSeconds,
    String overflow,
    Optional<String> holdMusic,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "queue";
  private static final String ANNOUNCED = "announced";
  static final String CALLBACK_KEY = "1";

  public static QueueNode read(String id, ObjectReader in) {
    String department = in.string("department", true, 48, Formats::slug);
    int every = Fields.orDefault(in.integer("announceEvery", false, 15, 600), 60);
    Boolean callback = in.bool("callback", false);
    int maxWait = Fields.orDefault(in.integer("maxWait", false, 30, 7200), 600);
    String overflow = Fields.target(in, "overflow", true);
    String music =
        in.string(
            "holdMusic",
            false,
            2000,
            url -> url.matches("(https?://|/)\\S+") ? null : "must be an http(s) URL or a path");
    return new QueueNode(
        id,
        department,
        every,
        callback == null || callback,
        maxWait,
        overflow,
        Optional.ofNullable(music),
        Fields.edge(in, "overflow", overflow, true));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    turn.reachedDepartment(department);
    turn.queuedNow();
    turn.setCounter(ANNOUNCED, -1);
    turn.emit(new Action.Enqueue(department));
    return Next.stay();
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    return switch (event) {
      case CallEvent.QueueWait wait -> hold(turn, wait);
      case CallEvent.Digits digits when callback && digits.digits().equals(CALLBACK_KEY) ->
          callBack(turn);
      case CallEvent.QueueExited exited ->
          switch (exited.how()) {
            case BRIDGED -> new Next.End(Outcome.ANSWERED, exited.answeredBy());
            case LEFT -> Next.go(overflow);
            case HUNG_UP -> Next.end(Outcome.ABANDONED_IN_QUEUE);
          };
      default -> Next.stay();
    };
  }

  /** What the caller hears on each wait tick. */
  private Next hold(Turn turn, CallEvent.QueueWait wait) {
    if (wait.waitedSeconds() >= maxWaitSeconds) {
      turn.emit(new Action.LeaveQueue());
      return Next.stay();
    }
    int period = wait.waitedSeconds() / announceEverySeconds;
    if (period > turn.counter(ANNOUNCED)) {
      turn.setCounter(ANNOUNCED, period);
      turn.phrase(Phrases.QUEUE_POSITION, wait.position());
      turn.phrase(Phrases.ESTIMATED_WAIT, estimatedMinutes(wait));
      if (callback) {
        turn.emit(
            new Action.Gather(
                List.of(Phrases.CALLBACK_OFFER.in(turn.language())),
                1,
                3,
                turn.language(),
                List.of()));
      }
    }
    holdMusic.ifPresent(url -> turn.emit(new Action.Play(url)));
    return Next.stay();
  }

  /** Minutes until a caller at this position is likely answered: at least one. */
  static int estimatedMinutes(CallEvent.QueueWait wait) {
    long seconds = (long) Math.max(wait.averageWaitSeconds(), 60) * wait.position();
    return (int) Math.max(1, (seconds + 59) / 60);
  }

  private Next callBack(Turn turn) {
    turn.emit(
        new Action.RequestCallback(
            department,
            turn.state().caller(),
            turn.state().queuedAt().orElse(turn.now()),
            turn.language()));
    turn.phrase(Phrases.CALLBACK_CONFIRMED);
    return Next.end(Outcome.CALLBACK_REQUESTED);
  }

  @Override
  public Outcome hangupOutcome() {
    return Outcome.ABANDONED_IN_QUEUE;
  }

  @Override
  public List<io.civicline.routing.flow.ExternalRef> externalRefs() {
    return List.of(
        new io.civicline.routing.flow.ExternalRef(
            "department", io.civicline.routing.flow.ExternalRef.Target.DEPARTMENT, department));
  }
}
