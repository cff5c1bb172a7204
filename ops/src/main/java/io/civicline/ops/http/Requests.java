package io.civicline.ops.http;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.Formats;
import io.vertx.ext.web.RoutingContext;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading path, query and precondition parts of a request, refusing bad ones precisely. */
public final class Requests {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,18})\"");

  private Requests() {}

  /** A path parameter that must be an id (slug); a malformed one cannot name anything: 404. */
  public static String pathId(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    if (value == null || Formats.slug(value) != null) {
      throw Problem.notFound("no " + name + " '" + value + "'");
    }
    return value;
  }

  public static int limit(RoutingContext ctx) {
    String text = ctx.request().getParam("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.badParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  /** The opaque cursor a previous page returned as {@code next}, or null for the first page. */
  public static String cursor(RoutingContext ctx) {
    String cursor = ctx.request().getParam("cursor");
    if (cursor == null) {
      return null;
    }
    if (cursor.isEmpty() || cursor.length() > 64 || !cursor.matches("[A-Za-z0-9._-]+")) {
      throw Problem.badParameter("cursor", "must be the 'next' value of a previous page");
    }
    return cursor;
  }

  /**
   * The version an update or delete expects, from {@code If-Match}. {@code required} makes a
   * missing header a 428, so nobody overwrites a change they never saw.
   */
  public static OptionalLong ifMatch(RoutingContext ctx, boolean required) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null || header.isBlank()) {
      if (required) {
        throw new Problem(
            428,
            "precondition-required",
            "Precondition required",
            "send If-Match with the ETag of the version you read, so changes made since are not"
                + " overwritten");
      }
      return OptionalLong.empty();
    }
    Matcher matcher = ETAG.matcher(header.strip());
    if (!matcher.matches()) {
      throw new Problem(
          400,
          "bad-precondition",
          "Bad If-Match",
          "If-Match must be one ETag as returned by GET, e.g. \"3\"");
    }
    return OptionalLong.of(Long.parseLong(matcher.group(1)));
  }
}
