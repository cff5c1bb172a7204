package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.vertx.ext.web.RoutingContext;

/** Whole-number query parameters of staff routes ({@code limit}, {@code offset}). */
final class QueryNumbers {
  private QueryNumbers() {}

  /** The parameter's value, {@code fallback} when absent; 400 when outside min..max. */
  static int within(RoutingContext ctx, String name, int min, int max, int fallback) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.malformed(name + " must be a whole number from " + min + " to " + max);
  }
}
