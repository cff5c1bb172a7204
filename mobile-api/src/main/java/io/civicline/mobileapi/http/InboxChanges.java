package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.FieldError;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.inbox.InboxChange;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a PATCH of an inbox item, a JSON merge patch: {@code assignedTo} ({@code "me"}, a staff id,
 * or null for nobody), {@code status} ({@code open} or {@code handled}) and {@code note} (null or
 * empty removes it). Every field error is reported at once, with its pointer.
 */
final class InboxChanges {
  private static final Pattern STAFF_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
  private static final Set<String> FIELDS = Set.of("assignedTo", "status", "note");

  private InboxChanges() {}

  static InboxChange read(JsonObject body, StaffPrincipal me, int maxNote) {
    List<FieldError> errors = new ArrayList<>();
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError("#/" + field, "unknown field"));
      }
    }
    Optional<String> assignee = Optional.empty();
    if (body.containsKey("assignedTo")) {
      Object value = body.getValue("assignedTo");
      if (value == null) {
        assignee = Optional.of("");
      } else if ("me".equals(value)) {
        assignee = Optional.of(me.staffId());
      } else if (value instanceof String id && STAFF_ID.matcher(id).matches()) {
        assignee = Optional.of(id);
      } else {
        errors.add(new FieldError("#/assignedTo", "must be \"me\", a staff id, or null"));
      }
    }
    Optional<Boolean> handled = Optional.empty();
    if (body.containsKey("status")) {
      Object value = body.getValue("status");
      if ("handled".equals(value) || "open".equals(value)) {
        handled = Optional.of("handled".equals(value));
      } else {
        errors.add(new FieldError("#/status", "must be \"open\" or \"handled\""));
      }
    }
    Optional<String> note = Optional.empty();
    if (body.containsKey("note")) {
      Object value = body.getValue("note");
      if (value == null) {
        note = Optional.of("");
      } else if (!(value instanceof String text)) {
        errors.add(new FieldError("#/note", "must be text or null"));
      } else if (text.length() > maxNote) {
        errors.add(new FieldError("#/note", "is longer than " + maxNote + " characters"));
      } else {
        note = Optional.of(text.strip());
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return new InboxChange(assignee, handled, note);
  }
}
