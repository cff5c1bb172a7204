package io.civicline.voicemail.retention;

import java.util.List;

/**
 * What one sweep of a tenant did.
 *
 * @param deleted messages whose record this sweep deleted (audited with the reason given here)
 * @param held messages due by their mailbox's policy but kept because they or their mailbox are on
 *     legal hold
 * @param changed messages due when read that changed before they could be deleted; the next sweep
 *     decides again
 * @param orphansRemoved recordings removed because their message had been deleted (a sweep or a
 *     deletion that stopped between the record and the audio)
 */
public record SweepReport(
    List<Deleted> deleted, List<String> held, List<String> changed, List<String> orphansRemoved) {

  public SweepReport {
    deleted = List.copyOf(deleted);
    held = List.copyOf(held);
    changed = List.copyOf(changed);
    orphansRemoved = List.copyOf(orphansRemoved);
  }

  /** A deleted message and why. */
  public record Deleted(String messageId, String mailbox, String reason) {}

  public List<String> deletedIds() {
    return deleted.stream().map(Deleted::messageId).toList();
  }
}
