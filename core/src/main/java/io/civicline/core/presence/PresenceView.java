package io.civicline.core.presence;

import io.civicline.core.directory.PresenceStatus;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A staff member's presence as staff apps see it: the status they (or an admin) set, and whether
 * they are on a call now. One shape for the staff API's answers and {@code presence.changed}
 * events, so an app merges them the same way.
 */
public final class PresenceView {
  public static final String CHANGED = "presence.changed";

  private PresenceView() {}

  /**
   * @param stored the member's presence document, if they have one (none reads as offline)
   */
  public static JsonObject of(String staffId, Optional<JsonObject> stored, boolean onCall) {
    JsonObject json = new JsonObject().put("staffId", staffId);
    if (stored.isEmpty()) {
      json.put("status", PresenceStatus.Status.OFFLINE.wire()).putNull("since");
    } else {
      json.put("status", stored.get().getString("status"))
          .put("since", stored.get().getString("since"));
      if (stored.get().containsKey("until")) {
        json.put("until", stored.get().getString("until"));
      }
    }
    return json.put("onCall", onCall);
  }

  /**
   * The stored presence as it reads at {@code now}: a status whose {@code until} has passed is
   * available again since then (as ringing already treats it), without waiting for anyone to
   * rewrite the document.
   */
  public static Optional<JsonObject> at(Optional<JsonObject> stored, java.time.Instant now) {
    return stored.map(
        body -> {
          String until = body.getString("until");
          if (until == null || now.isBefore(java.time.Instant.parse(until))) {
            return body;
          }
          return new JsonObject()
              .put("status", PresenceStatus.Status.AVAILABLE.wire())
              .put("since", until);
        });
  }
}
