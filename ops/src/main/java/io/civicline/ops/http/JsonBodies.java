package io.civicline.ops.http;

import io.civicline.core.http.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a request body as one JSON object, or refuses it with a precise problem. */
public final class JsonBodies {
  private JsonBodies() {}

  public static JsonObject object(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !(type.startsWith("application/json") || type.contains("+json"))) {
      throw new Problem(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the body as application/json (got "
              + (type == null ? "no Content-Type" : type)
              + ")");
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Problem.malformed("the request body is empty; send a JSON object");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw Problem.malformed("malformed JSON: " + firstLine(e.getMessage()));
    }
    if (!(value instanceof JsonObject object)) {
      throw Problem.malformed("the body must be a JSON object");
    }
    return object;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot parse";
    }
    // Jackson appends the offending source; keep the reason and position only.
    String line = message.lines().findFirst().orElse(message);
    return line.replace("Failed to decode:", "").strip();
  }
}
