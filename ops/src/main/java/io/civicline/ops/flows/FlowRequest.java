package io.civicline.ops.flows;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.core.validation.ObjectReader;
import io.civicline.ops.http.JsonBodies;
import io.civicline.routing.flow.FlowDocuments;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A flow document as sent: {@code {"id": "main", "document": {...}}} as JSON, or the document
 * itself as YAML with the id in {@code ?id=}. Problems found so far are in {@code errors}; pointers
 * into the document start at {@code prefix}.
 *
 * @param document null when the body has none (then {@code errors} says so)
 */
public record FlowRequest(String id, JsonObject document, String prefix, FieldErrors errors) {

  /** A document from a trusted source (the demo seed), with pointers from its root. */
  public static FlowRequest of(String id, JsonObject document) {
    return new FlowRequest(id, document, "#", new FieldErrors());
  }

  static boolean isYaml(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/yaml")
        || type.equals("text/yaml")
        || type.equals("application/x-yaml");
  }

  /** Reads a create ({@code pathId} null) or a new version of flow {@code pathId}. */
  static FlowRequest read(RoutingContext ctx, String pathId) {
    return isYaml(ctx.request().getHeader("Content-Type"))
        ? yaml(ctx, pathId)
        : json(JsonBodies.object(ctx), pathId);
  }

  private static FlowRequest yaml(RoutingContext ctx, String pathId) {
    String id = pathId;
    if (id == null) {
      id = ctx.request().getParam("id");
      String problem = id == null ? "is required for a YAML body, e.g. ?id=main" : Formats.slug(id);
      if (problem != null) {
        throw Problem.badParameter("id", problem);
      }
    }
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("#", "the body is empty; send the flow document as YAML");
    }
    return new FlowRequest(id, FlowDocuments.parse(text), "#", new FieldErrors());
  }

  static FlowRequest json(JsonObject body, String pathId) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String id = in.string("id", pathId == null, 48, Formats::slug);
    if (pathId != null && id != null && !id.equals(pathId)) {
      errors.add("#/id", "must match the id in the path ('" + pathId + "'); ids cannot change");
    }
    ObjectReader document = in.object("document", true);
    in.rejectUnknownFields();
    return new FlowRequest(
        pathId != null ? pathId : id,
        document == null ? null : document.json(),
        "#/document",
        errors);
  }
}
