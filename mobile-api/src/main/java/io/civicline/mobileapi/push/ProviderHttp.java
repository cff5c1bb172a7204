package io.civicline.mobileapi.push;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.BiFunction;

/** A JSON POST to a push service, its answer mapped to an outcome; never a failed future. */
final class ProviderHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ProviderHttp() {}

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
