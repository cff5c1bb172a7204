package io.civicline.mobileapi.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Pushes through FCM's HTTP v1 API: {@code POST {base}/v1/projects/{project}/messages:send}. The
 * OAuth access token comes from an injected supplier (a service-account token source in
 * production), so this class holds no Google credentials and tests need no Google.
 *
 * <p>A token counts as gone only when FCM names the error {@code UNREGISTERED}: a bare 404 is also
 * what a wrong project id gets, and must not prune every device of the town.
 */
public final class FcmSender implements PushSender, AutoCloseable {
  public static final String DEFAULT_BASE_URL = "https://fcm.googleapis.com";

  private final HttpClient client;
  private final String sendUrl;
  private final Supplier<Future<String>> accessToken;
  private final Context context;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL}, or a stand-in
   * @param accessToken answers a current OAuth 2 access token with the firebase.messaging scope
   */
  public FcmSender(
      Vertx vertx, String baseUrl, String projectId, Supplier<Future<String>> accessToken) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    this.context = vertx.getOrCreateContext();
    this.sendUrl = stripSlash(baseUrl) + "/v1/projects/" + projectId + "/messages:send";
    this.accessToken = Objects.requireNonNull(accessToken);
  }

  @Override
  public Platform platform() {
    return Platform.FCM;
  }

  @Override
  public Future<PushOutcome> send(Device device, PushMessage message) {
    return ProviderHttp.onContext(context, () -> sendHere(device, message));
  }

  private Future<PushOutcome> sendHere(Device device, PushMessage message) {
    return accessToken
        .get()
        .recover(
            failure ->
                Future.failedFuture(new IllegalStateException("no FCM access token", failure)))
        .compose(
            token ->
                ProviderHttp.post(
                    client,
                    sendUrl,
                    MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer " + token),
                    body(device, message),
                    FcmSender::outcome))
        .recover(failure -> Future.succeededFuture(PushOutcome.failed(true, failure.getMessage())));
  }

  static JsonObject body(Device device, PushMessage message) {
    JsonObject data = new JsonObject();
    // FCM data values must be strings
    message.data().forEach(e -> data.put(e.getKey(), String.valueOf(e.getValue())));
    JsonObject android = new JsonObject().put("priority", "HIGH");
    JsonObject fcmMessage =
        new JsonObject()
            .put("token", device.token())
            .put(
                "notification",
                new JsonObject().put("title", message.title()).put("body", message.body()))
            .put("data", data)
            .put("android", android);
    message
        .collapseKey()
        .ifPresent(
            key -> {
              android.put("collapse_key", key);
              // a later notification with the same tag replaces the one on screen
              android.put("notification", new JsonObject().put("tag", key));
              // iOS apps on Firebase: the same grouping through the APNs header FCM forwards
              fcmMessage.put(
                  "apns",
                  new JsonObject().put("headers", new JsonObject().put("apns-collapse-id", key)));
            });
    return new JsonObject().put("message", fcmMessage);
  }

  static PushOutcome outcome(int status, JsonObject answer) {
    if (status == 200) {
      return PushOutcome.delivered();
    }
    JsonObject error = answer.getJsonObject("error", new JsonObject());
    String code = fcmErrorCode(error.getJsonArray("details", new JsonArray()));
    if ("UNREGISTERED".equals(code)) {
      return PushOutcome.unregistered(code);
    }
    String reason = status + " " + (code != null ? code : error.getString("status", ""));
    // 401: the access token expired between fetching and sending; the supplier renews it
    return PushOutcome.failed(ProviderHttp.retryableStatus(status) || status == 401, reason);
  }

  private static String fcmErrorCode(JsonArray details) {
    for (Object detail : details) {
      if (detail instanceof JsonObject d
          && String.valueOf(d.getString("@type")).endsWith("google.firebase.fcm.v1.FcmError")) {
        return d.getString("errorCode");
      }
    }
    return null;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() {
    client.close();
  }
}
