package io.civicline.voicemail.pin;

import java.time.Instant;
import java.util.Set;

/**
 * A mailbox or calling number just became locked out.
 *
 * @param tenant the tenant the mailbox belongs to
 * @param mailbox the mailbox the locking attempt was made against
 * @param callerNumber the calling number as the call reported it (may be blank when withheld)
 * @param at the time of the attempt that locked it, as the caller of {@link PinGuard} gave it
 * @param until when the lock ends
 * @param scopes what is locked: the mailbox, the calling number or both
 */
public record Lockout(
    String tenant,
    String mailbox,
    String callerNumber,
    Instant at,
    Instant until,
    Set<Scope> scopes) {

  public Lockout {
    scopes = Set.copyOf(scopes);
  }

  /** What a lock applies to. */
  public enum Scope {
    /** Every caller trying this mailbox. */
    MAILBOX,
    /** This calling number, whatever mailbox it tries. */
    CALLER
  }
}
