package io.civicline.voicemail.pin;

/**
 * Told once each time a mailbox or calling number becomes locked out, after the lock and its audit
 * record are stored; for example to notify the tenant's administrators. Called on a Vert.x event
 * loop: it must not block, and should hand slow work (mail, pushes) off. What it throws is logged
 * and does not change the answer to the attempt.
 */
@FunctionalInterface
public interface LockoutListener {
  LockoutListener NONE = lockout -> {};

  void onLockout(Lockout lockout);
}
