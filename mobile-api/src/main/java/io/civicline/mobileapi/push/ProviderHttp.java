package io.civicline.mobileapi.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** A JSON POST to a push service, its answer mapped to an outcome; never a failed future. */
final class ProviderHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ProviderHttp() {}

  /**
   * Runs {@code work} on {@code context}. An HTTP answer must get its body handler in the
   * event-loop turn it arrives in: a request chain built on another thread can attach it after the
   * body went by, and then waits forever (a token exchange did, now and then, when a test thread
   * asked).
   */
  static <T> Future<T> onContext(Context context, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  static Future<PushOutcome> post(
      HttpClient client,
      String url,
      MultiMap headers,
      JsonObject body,
      BiFunction<Integer, JsonObject, PushOutcome> outcome) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setHeaders(headers)
            .putHeader("content-type", "application/json")
            .setConnectTimeout(TIMEOUT.toMillis())
            .setIdleTimeout(TIMEOUT.toMillis());
    return client
        .request(request)
        .compose(sending -> sending.send(body.toBuffer()))
        .compose(
            response ->
                response.body().map(answer -> outcome.apply(response.statusCode(), json(answer))))
        // the exception names the host at most, never the token or the credentials
        .recover(
            failure ->
                Future.succeededFuture(
                    PushOutcome.failed(
                        true, "unreachable: " + failure.getClass().getSimpleName())));
  }

  /** The answer as JSON, or empty when it is none (an empty 200, an HTML error page). */
  private static JsonObject json(Buffer answer) {
    if (answer == null || answer.length() == 0) {
      return new JsonObject();
    }
    try {
      return answer.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject();
    }
  }

  static boolean retryableStatus(int status) {
    return status == 429 || status >= 500;
  }
}
