package io.civicline.mobileapi.push;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A staff member's phone as the push services know it.
 *
 * @param id derived from the platform and token, so registering the same token again is the same
 *     device
 * @param token the provider's device token: lets anyone holding the provider credentials reach the
 *     phone, so answers show only its end ({@link #maskedToken()})
 * @param registeredAt when it was last registered
 */
public record Device(
    String id, Platform platform, String token, String appVersion, Instant registeredAt) {
  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(appVersion, "appVersion");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /** The token's last six characters, enough for a person to tell their devices apart. */
  public String maskedToken() {
    return "..." + token.substring(Math.max(0, token.length() - 6));
  }

  /** What the staff API shows: never the whole token. */
  public JsonObject toPublicJson() {
    return new JsonObject()
        .put("id", id)
        .put("platform", platform.wire())
        .put("tokenEnd", maskedToken())
        .put("appVersion", appVersion)
        .put("registeredAt", registeredAt.toString());
  }

  /** As stored, with the owner: the registry checks ownership in its scripts. */
  JsonObject toStoredJson(String staffId) {
    return new JsonObject()
        .put("id", id)
        .put("staffId", staffId)
        .put("platform", platform.wire())
        .put("token", token)
        .put("appVersion", appVersion)
        .put("registeredAt", registeredAt.toString());
  }

  static Device fromStoredJson(JsonObject json) {
    return new Device(
        json.getString("id"),
        Platform.fromWire(json.getString("platform")).orElseThrow(),
        json.getString("token"),
        json.getString("appVersion"),
        Instant.parse(json.getString("registeredAt")));
  }

  @Override
  public String toString() {
    // records print every field; the token stays out of logs
    return "Device[" + id + ", " + platform.wire() + ", " + maskedToken() + "]";
  }
}
