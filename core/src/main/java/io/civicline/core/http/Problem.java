package io.civicline.core.http;

import io.civicline.core.validation.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem the HTTP APIs (admin and staff alike) answer with ({@code
 * application/problem+json}): a type URI, a short title, the status, a human-readable detail and,
 * for invalid input, every field error with its JSON Pointer.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public Problem(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public static Problem malformed(String detail) {
    return new Problem(400, "malformed-request", "Malformed request", detail);
  }

  public static Problem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).pointer() + ": " + errors.get(0).detail()
            : errors.size() + " fields are invalid";
    return new Problem(422, "validation", "Invalid input", detail, errors);
  }

  public static Problem invalid(String pointer, String detail) {
    return invalid(List.of(new FieldError(pointer, detail)));
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public static Problem conflict(String type, String detail, List<FieldError> errors) {
    return new Problem(409, type, "Conflict", detail, errors);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail);
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

  public static final String CONTENT_TYPE = "application/problem+json";

  /**
   * Answers with this problem (status, problem+json body naming {@code instance}), unless the
   * response has already ended (a failure after the answer started is only logged by the caller).
   */
  public void send(io.vertx.core.http.HttpServerResponse response, String instance) {
    if (response.ended()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(toJson(instance).encode());
  }

  /** The problem document; {@code instance} is the request path. */
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
      errors.forEach(e -> list.add(errorJson(e)));
      json.put("errors", list);
    }
    return json;
  }

  /** Body fields are named by JSON Pointer; query parameters (written {@code ?name}) by name. */
  private static JsonObject errorJson(FieldError error) {
    JsonObject json = new JsonObject();
    if (error.pointer().startsWith("?")) {
      json.put("parameter", error.pointer().substring(1));
    } else {
      json.put("pointer", error.pointer());
    }
    return json.put("detail", error.detail());
  }

  public static Problem badParameter(String name, String detail) {
    return new Problem(
        400,
        "bad-parameter",
        "Bad query parameter",
        name + ": " + detail,
        List.of(new FieldError("?" + name, detail)));
  }

  /** Problem types are URNs: stable identifiers that need no web host. */
  public static String typeUri(String type) {
    return "urn:civicline:problem:" + type;
  }
}
