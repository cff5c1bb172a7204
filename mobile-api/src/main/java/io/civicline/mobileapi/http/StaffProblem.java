package io.civicline.mobileapi.http;

import io.civicline.core.validation.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem of the staff API ({@code application/problem+json}), shaped exactly like the
 * admin API's: a type URN, title, status, detail, instance and, for invalid input, every field
 * error with its JSON Pointer.
 */
public final class StaffProblem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  public StaffProblem(
      int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public StaffProblem(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  /**
   * The one answer to every failed sign-in: unknown email, wrong password or lockout alike, so the
   * answer tells an attacker nothing.
   */
  public static StaffProblem invalidCredentials() {
    return new StaffProblem(
        401,
        "invalid-credentials",
        "Invalid credentials",
        "the email or password is wrong, or sign-in is temporarily blocked; try again later");
  }

  public static StaffProblem invalidToken() {
    return new StaffProblem(
        401,
        "invalid-token",
        "Authentication required",
        "send a valid access token as 'Authorization: Bearer <token>'; it may have expired or"
            + " been revoked");
  }

  public static StaffProblem invalidRefreshToken() {
    return new StaffProblem(
        401,
        "invalid-refresh-token",
        "Invalid refresh token",
        "the refresh token is unknown, spent or revoked; sign in again");
  }

  public static StaffProblem malformed(String detail) {
    return new StaffProblem(400, "malformed-request", "Malformed request", detail);
  }

  public static StaffProblem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).pointer() + ": " + errors.get(0).detail()
            : errors.size() + " fields are invalid";
    return new StaffProblem(422, "validation", "Invalid input", detail, errors);
  }

  public static StaffProblem notFound(String detail) {
    return new StaffProblem(404, "not-found", "Not found", detail);
  }

  public static StaffProblem forbidden(String detail) {
    return new StaffProblem(403, "forbidden", "Forbidden", detail);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject toJson(String instance) {
    JsonObject json =
        new JsonObject()
            .put("type", typeUri(type))
            .put("title", title)
            .put("status", status)
            .put("detail", getMessage())
            .put("instance", instance);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(
          e -> list.add(new JsonObject().put("pointer", e.pointer()).put("detail", e.detail())));
      json.put("errors", list);
    }
    return json;
  }

  /** The same URNs as the admin API, so clients handle both alike. */
  public static String typeUri(String type) {
    return "urn:civicline:problem:" + type;
  }
}
