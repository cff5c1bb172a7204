package io.civicline.voicemail.pin;

/** The answer to one PIN attempt. */
public enum Attempt {
  /** The PIN was right and nothing was locked; the failure counters are reset. */
  ACCEPTED,
  /** The PIN was wrong; the failure was counted and no lock resulted yet. */
  REJECTED,
  /**
   * The mailbox or the calling number is locked out, or this failure locked it. Says nothing about
   * whether the PIN was right: while locked the PIN is not even checked.
   */
  LOCKED
}
