package io.civicline.ops.http;

import io.civicline.core.http.Problem;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.InvalidInputException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: turns every failure into a problem+json answer. Known refusals map
 * to their status; anything else is a 500 whose cause goes to the log, not to the client.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = Problem.CONTENT_TYPE;

  private Problems() {}

  public static void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (problem.status() >= 500) {
      LOG.atError()
          .addKeyValue("method", ctx.request().method().name())
          .addKeyValue("path", ctx.request().path())
          .setCause(ctx.failure())
          .log("request failed");
    }
    send(ctx, problem);
  }

  public static void send(RoutingContext ctx, Problem problem) {
    if (problem.status() == 401 && !ctx.response().ended()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"civicline\"");
    }
    problem.send(ctx.response(), ctx.request().path());
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (failure instanceof InvalidInputException invalid) {
      return Problem.invalid(invalid.errors());
    }
    if (failure instanceof StoreException refused) {
      return fromStore(refused);
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode(), ctx);
    }
    if (failure == null) {
      return fromStatus(ctx.statusCode(), ctx);
    }
    return new Problem(
        500, "internal", "Internal error", "the server failed; the error was logged");
  }

  private static Problem fromStore(StoreException refused) {
    return switch (refused) {
      case StoreException.NotFound e -> Problem.notFound(e.getMessage());
      case StoreException.AlreadyExists e ->
          Problem.conflict("already-exists", e.getMessage(), List.of());
      case StoreException.VersionMismatch e ->
          new Problem(
              412,
              "version-mismatch",
              "Precondition failed",
              "the object changed since you read it: it is now at version "
                  + e.current()
                  + "; read it again and retry");
      case StoreException.MissingReferences e ->
          Problem.invalid(
              e.fields().stream()
                  .map(field -> new FieldError(field, "refers to an object that does not exist"))
                  .toList());
      case StoreException.UniqueTaken e ->
          Problem.conflict(
              "duplicate-value",
              "'" + e.value() + "' is already used by " + e.owner(),
              List.of(new FieldError(e.field(), "already used by " + e.owner())));
      case StoreException.StillReferenced e ->
          Problem.conflict(
              "still-referenced",
              "cannot delete: still referred to by "
                  + String.join(", ", e.referrers())
                  + (e.count() > e.referrers().size() ? " and others" : "")
                  + "; remove those references first",
              List.of());
      case StoreException.NotEmpty e ->
          Problem.conflict(
              "not-empty",
              "cannot delete: still holds "
                  + String.join(", ", e.holding())
                  + "; delete those first",
              List.of());
      default -> new Problem(500, "internal", "Internal error", "unexpected store failure");
    };
  }

  private static Problem fromStatus(int status, RoutingContext ctx) {
    return switch (status) {
      case 404 -> Problem.notFound("no such resource: " + ctx.request().path());
      case 405 ->
          new Problem(
              405,
              "method-not-allowed",
              "Method not allowed",
              ctx.request().method() + " is not allowed here");
      case 413 ->
          new Problem(
              413,
              "body-too-large",
              "Request body too large",
              "the request body is larger than this server accepts");
      case 415 ->
          new Problem(
              415, "unsupported-media-type", "Unsupported media type", "send application/json");
      case 400 -> Problem.malformed("the request could not be read");
      default ->
          status >= 400 && status < 500
              ? new Problem(status, "client-error", "Client error", "request refused")
              : new Problem(
                  500, "internal", "Internal error", "the server failed; the error was logged");
    };
  }
}
