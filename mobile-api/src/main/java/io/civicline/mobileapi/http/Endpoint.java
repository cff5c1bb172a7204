package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Adapts an endpoint returning a future JSON body to a route handler; failures go to {@link
 * StaffProblems}.
 */
final class Endpoint {
  private Endpoint() {}

  /** 200 with the body, never cached: staff answers carry tokens or personal data. */
  static Handler<RoutingContext> json(Function<RoutingContext, Future<JsonObject>> endpoint) {
    return ctx -> run(ctx, endpoint, body -> send(ctx, 200, body));
  }

  /** {@code status} (e.g. 202 for work queued) with the body, never cached. */
  static Handler<RoutingContext> json(
      int status, Function<RoutingContext, Future<JsonObject>> endpoint) {
    return ctx -> run(ctx, endpoint, body -> send(ctx, status, body));
  }

  /** 204 once the work is done. */
  static Handler<RoutingContext> noContent(Function<RoutingContext, Future<Void>> endpoint) {
    return ctx -> run(ctx, endpoint, ignored -> send(ctx, 204, null));
  }

  /** Stored bytes a client downloads (a recording, an attachment). */
  record Download(String contentType, byte[] content) {}

  /**
   * 200 with the bytes as their stored content type, kept only by the client itself; never sniffed
   * as something else, and offered for download rather than shown inline, since residents chose
   * what they sent.
   */
  static Handler<RoutingContext> download(Function<RoutingContext, Future<Download>> endpoint) {
    return ctx -> run(ctx, endpoint, file -> sendDownload(ctx, file));
  }

  /**
   * The bytes, or the one range asked for (206; players such as iOS's fetch audio in pieces); a
   * range outside them is 416. An {@code If-Range} gets the whole file: these answers carry no
   * validator to compare it with.
   */
  private static void sendDownload(RoutingContext ctx, Download file) {
    io.vertx.core.buffer.Buffer bytes = io.vertx.core.buffer.Buffer.buffer(file.content());
    var response =
        ctx.response()
            .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Disposition", "attachment")
            .putHeader("Accept-Ranges", "bytes");
    String range =
        ctx.request().getHeader("If-Range") == null ? ctx.request().getHeader("Range") : null;
    java.util.Optional<io.civicline.core.http.ByteRange> asked;
    try {
      asked = io.civicline.core.http.ByteRange.parse(range, bytes.length());
    } catch (io.civicline.core.http.ByteRange.Unsatisfiable outside) {
      response.putHeader("Content-Range", "bytes */" + bytes.length());
      StaffProblems.send(
          ctx,
          new Problem(
              416,
              "range-not-satisfiable",
              "Range not satisfiable",
              "the file has " + bytes.length() + " bytes; ask for a range within them"));
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
    if (asked.isEmpty()) {
      response.setStatusCode(200).end(bytes);
      return;
    }
    io.civicline.core.http.ByteRange part = asked.get();
    response
        .setStatusCode(206)
        .putHeader("Content-Range", part.contentRange(bytes.length()))
        .end(bytes.slice((int) part.first(), (int) part.last() + 1));
  }

  private static <T> void run(
      RoutingContext ctx,
      Function<RoutingContext, Future<T>> endpoint,
      java.util.function.Consumer<T> onSuccess) {
    Future<T> result;
    try {
      result = endpoint.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onSuccess(onSuccess::accept).onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    var response =
        ctx.response()
            .setStatusCode(status)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .putHeader("Pragma", "no-cache");
    if (body == null) {
      response.end();
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
  }
}
