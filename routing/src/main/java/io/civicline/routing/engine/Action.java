package io.civicline.routing.engine;

import java.time.Instant;
import java.util.List;

/**
 * What the channel should do next, in order. Channel-neutral: the Twilio adapter renders these as
 * TwiML, the Asterisk adapter as AGI commands.
 */
public sealed interface Action {
  /** Speak {@code text} in {@code language} with text-to-speech. */
  record Say(String text, String language) implements Action {}

  /** Play an audio file. */
  record Play(String url) implements Action {}

  /**
   * Play a mailbox's uploaded greeting, named by its checksum; the channel turns it into a URL its
   * carrier can fetch.
   */
  record PlayGreeting(String mailbox, String language, String sha256) implements Action {}

  /**
   * Wait for keys (and speech, when hints are given) while playing {@code prompts}; the channel
   * answers with {@link CallEvent.Digits}, {@link CallEvent.Speech} or {@link CallEvent.NoInput}.
   */
  record Gather(
      List<Action> prompts,
      int maxDigits,
      int timeoutSeconds,
      String language,
      List<String> speechHints)
      implements Action {
    public Gather {
      prompts = List.copyOf(prompts);
      speechHints = List.copyOf(speechHints);
    }
  }

  /** Ring these targets together; the channel answers with {@link CallEvent.DialEnded}. */
  record Dial(List<DialTarget> targets, int timeoutSeconds, String callerId) implements Action {
    public Dial {
      targets = List.copyOf(targets);
    }
  }

  /**
   * Hold the caller in {@code queue}; the channel sends {@link CallEvent.QueueWait} while they wait
   * and {@link CallEvent.QueueExited} when they leave.
   */
  record Enqueue(String queue) implements Action {}

  /** Take the caller out of the queue they wait in (the call then continues). */
  record LeaveQueue() implements Action {}

  /**
   * Record a voicemail for {@code mailbox} ({@code department:<id>} or {@code staff:<id>}); the
   * channel answers with {@link CallEvent.RecordingDone}.
   */
  record Record(String mailbox, int maxSeconds) implements Action {}

  /** Text {@code to}, from the number the caller called. */
  record SendSms(String to, String text) implements Action {}

  /**
   * Call {@code number} back for {@code queue} later, keeping the place the caller had when they
   * joined the queue at {@code since}.
   */
  record RequestCallback(String queue, String number, Instant since, String language)
      implements Action {}

  /**
   * Check {@code pin} for {@code mailbox} ({@code department:<id>} or {@code staff:<id>}) and list
   * its messages; the channel answers with {@link CallEvent.MailboxOpened}. The PIN is never part
   * of the call's state, and {@link #toString()} does not show it.
   */
  record OpenMailbox(String mailbox, String pin) implements Action {
    @Override
    public String toString() {
      return "OpenMailbox[mailbox=" + mailbox + ", pin=***]";
    }
  }

  /**
   * Change a message the caller heard in a mailbox they opened: save it (it becomes heard) or
   * delete it. Fire and forget: the engine already told the caller what happens.
   */
  record UpdateMessage(String mailbox, String messageId, MessageChange change) implements Action {}

  /** What a caller did with a voicemail message by phone. */
  enum MessageChange {
    SAVE,
    DELETE
  }

  /** End the call. */
  record Hangup() implements Action {}
}
