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

  /**
   * The answer to {@link Action.OpenMailbox}. {@code REFUSED} covers a wrong PIN, a mailbox without
   * a PIN and a locked mailbox or number alike, so the caller cannot tell them apart.
   *
   * @param messages new messages first, then saved ones, each newest first; empty when refused
   */
  record MailboxOpened(MailboxResult result, java.util.List<MessageSummary> messages)
      implements CallEvent {
    public MailboxOpened {
      messages = java.util.List.copyOf(messages);
    }

    public static MailboxOpened refused() {
      return new MailboxOpened(MailboxResult.REFUSED, java.util.List.of());
    }
  }

  /**
   * One message as a caller hears it by phone.
   *
   * @param audioUrl where the channel can play it from
   * @param isNew whether nobody heard it yet
   * @param kept whether it is on legal hold (or its mailbox is), so it cannot be deleted
   */
  record MessageSummary(
      String id,
      java.time.Instant receivedAt,
      String from,
      int seconds,
      String audioUrl,
      boolean isNew,
      boolean kept) {}

  enum MailboxResult {
    ACCEPTED,
    REFUSED
  }

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
