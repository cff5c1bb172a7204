package io.civicline.routing.engine;

import java.util.Optional;

/** What happened on a call, translated by a channel adapter from its protocol. */
public sealed interface CallEvent {
  /** A new call: the engine enters the flow's start node. */
  record Started(String from, String to) implements CallEvent {}

  /** The caller pressed keys while the call waited for input. */
  record Digits(String digits) implements CallEvent {}

  /** The caller said something while the call waited for input. */
  record Speech(String text) implements CallEvent {}

  /** The caller gave no input before the timeout. */
  record NoInput() implements CallEvent {}

  /** A dial to staff or an outside number ended. */
  record DialEnded(DialStatus status, Optional<String> answeredBy) implements CallEvent {
    public static DialEnded answered(String by) {
      return new DialEnded(DialStatus.ANSWERED, Optional.ofNullable(by));
    }

    public static DialEnded notAnswered(DialStatus status) {
      return new DialEnded(status, Optional.empty());
    }
  }

  /** The caller is waiting in a queue; sent periodically by the channel. */
  record QueueWait(int position, int waitedSeconds, int averageWaitSeconds) implements CallEvent {}

  /** The caller left the queue: bridged to staff, left on our request, or hung up. */
  record QueueExited(QueueExit how, Optional<String> answeredBy) implements CallEvent {}

  /** A voicemail recording finished. */
  record RecordingDone(String recordingId, int seconds) implements CallEvent {}

  /** The caller hung up. */
  record Hangup() implements CallEvent {}

  enum DialStatus {
    ANSWERED,
    NO_ANSWER,
    BUSY,
    FAILED
  }

  enum QueueExit {
    BRIDGED,
    LEFT,
    HUNG_UP
  }
}
