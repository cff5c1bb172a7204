package io.civicline.mobileapi.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What staff change on an inbox item; an empty field stays as it is.
 *
 * @param assignedTo a staff id, or an empty string for nobody
 * @param handled true to mark it handled, false to reopen it
 * @param note the new note, or an empty string to remove it
 */
public record InboxChange(
    Optional<String> assignedTo, Optional<Boolean> handled, Optional<String> note) {

  /** The audit action, named as the admin API names the same changes (joined by '+'). */
  public String action() {
    List<String> parts = new ArrayList<>();
    assignedTo.ifPresent(a -> parts.add(a.isEmpty() ? "unassign" : "assign"));
    handled.ifPresent(h -> parts.add(h ? "mark-handled" : "reopen"));
    note.ifPresent(n -> parts.add("note"));
    return String.join("+", parts);
  }
}
