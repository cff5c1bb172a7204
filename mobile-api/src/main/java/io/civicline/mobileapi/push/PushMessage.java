package io.civicline.mobileapi.push;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification as the phone shows it.
 *
 * @param data small key/value hints for the app (ids to open), never personal data beyond what the
 *     title and body already show: pushes pass through Google's and Apple's servers
 * @param collapseKey pushes with the same key replace each other on the phone (e.g. one per call)
 */
public record PushMessage(
    String title, String body, JsonObject data, Optional<String> collapseKey) {
  public PushMessage {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    data = data == null ? new JsonObject() : data.copy();
    collapseKey = collapseKey == null ? Optional.empty() : collapseKey;
  }
}
