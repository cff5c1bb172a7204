package io.civicline.core.ports;

import io.civicline.core.store.Actor;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Voicemail by phone, as a channel needs it: open a mailbox with its PIN, then save or delete the
 * messages the caller heard. Implemented by the voicemail module; channels do not depend on it.
 */
public interface MailboxAccess {

  /** Whether the mailbox opened. REFUSED says nothing about why (wrong PIN, no PIN, locked). */
  enum Result {
    ACCEPTED,
    REFUSED
  }

  /**
   * One message offered by phone.
   *
   * @param isNew nobody heard it yet
   * @param kept on legal hold (itself or its mailbox): it cannot be deleted
   */
  record Message(
      String id, Instant receivedAt, String from, int seconds, boolean isNew, boolean kept) {}

  /** The answer to {@link #open}: new messages first, then heard ones, each newest first. */
  record Opened(Result result, List<Message> messages) {
    public Opened {
      messages = List.copyOf(messages);
    }

    public static Opened refused() {
      return new Opened(Result.REFUSED, List.of());
    }
  }

  /**
   * Checks {@code pin} for {@code mailbox} ({@code department:<id>} or {@code staff:<id>}) as typed
   * from {@code callerNumber} at {@code now}, counting failures towards the lockout, and lists its
   * messages when it opens.
   */
  Future<Opened> open(String tenant, String mailbox, String callerNumber, String pin, Instant now);

  /** Marks a message of {@code mailbox} heard (a no-op if it is heard or handled already). */
  Future<Void> save(String tenant, String mailbox, String messageId, Actor actor);

  /** Deletes a message of {@code mailbox}; false when it is kept (legal hold) or gone. */
  Future<Boolean> delete(
      String tenant, String mailbox, String messageId, Actor actor, String reason);
}
