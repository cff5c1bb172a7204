package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.mobileapi.auth.InvalidCredentials;
import io.civicline.mobileapi.auth.InvalidToken;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff API's failure handler: every failure becomes problem+json. Refused credentials and
 * tokens are logged at debug level with their reason, never with the token or password.
 */
public final class StaffProblems {
  private static final Logger LOG = LoggerFactory.getLogger(StaffProblems.class);
  public static final String CONTENT_TYPE = Problem.CONTENT_TYPE;

  private StaffProblems() {}

  public static void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (problem.status() >= 500) {
      LOG.atError()
          .addKeyValue("method", ctx.request().method().name())
          .addKeyValue("path", ctx.request().path())
          .setCause(ctx.failure())
          .log("staff API request failed");
    }
    send(ctx, problem);
  }

  public static void send(RoutingContext ctx, Problem problem) {
    if (ctx.response().ended()) {
      return;
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"civicline-staff\"");
    }
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    problem.send(ctx.response(), ctx.request().path());
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    return switch (failure) {
      case Problem problem -> problem;
      case InvalidCredentials refused -> StaffAuthProblems.invalidCredentials();
      case io.civicline.mobileapi.auth.TooManyAttempts locked ->
          new Problem(429, "too-many-attempts", "Too many attempts", locked.getMessage());
      case InvalidToken refused -> {
        LOG.atDebug()
            .addKeyValue("path", ctx.request().path())
            .addKeyValue("reason", refused.getMessage())
            .log("staff token refused");
        yield refused.isRefresh()
            ? StaffAuthProblems.invalidRefreshToken()
            : StaffAuthProblems.invalidToken();
      }
      case InvalidInputException invalid -> Problem.invalid(invalid.errors());
      case StoreException.NotFound missing -> Problem.notFound(missing.getMessage());
      case StoreException.VersionMismatch changed ->
          new Problem(
              412,
              "version-mismatch",
              "Precondition failed",
              "it changed since you read it: it is now at version "
                  + changed.current()
                  + "; read it again and retry");
      case io.civicline.mobileapi.texts.TextInbox.OptedOut optedOut ->
          new Problem(409, "opted-out", "Resident opted out", optedOut.getMessage());
      case HttpException http -> fromStatus(http.getStatusCode());
      case null -> fromStatus(ctx.statusCode());
      default -> internal();
    };
  }

  private static Problem fromStatus(int status) {
    return switch (status) {
      case 400 -> Problem.malformed("the request could not be read");
      case 404 -> Problem.notFound("no such resource");
      case 413 ->
          new Problem(
              413,
              "body-too-large",
              "Request body too large",
              "the request body is larger than this server accepts");
      default ->
          status >= 400 && status < 500
              ? new Problem(status, "client-error", "Client error", "request refused")
              : internal();
    };
  }

  private static Problem internal() {
    return new Problem(
        500, "internal", "Internal error", "the server failed; the error was logged");
  }
}
