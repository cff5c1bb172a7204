package io.civicline.mobileapi.push;

import io.civicline.core.config.Secret;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

/**
 * Pushes through the APNs provider API over HTTP/2: {@code POST {base}/3/device/{token}} with a
 * provider token (token-based auth, {@link ApnsProviderToken}). HTTPS bases negotiate h2 by ALPN;
 * {@code http://} bases (local stand-ins) speak h2c with prior knowledge, as APNs has no HTTP/1.
 */
public final class ApnsSender implements PushSender, AutoCloseable {
  public static final String DEFAULT_BASE_URL = "https://api.push.apple.com";

  /** Apple's reasons that mean the token will never work again. */
  private static final Set<String> GONE = Set.of("BadDeviceToken", "Unregistered");

  /** Apple's limit on the collapse id. */
  private static final int MAX_COLLAPSE_ID_BYTES = 64;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} (or {@code https://api.sandbox.push.apple.com} for
   *     development builds), or a stand-in
   * @param topic the app's bundle id
   * @param p8Key the team's signing key as downloaded from Apple (PKCS#8 PEM)
   */
  public record Settings(String baseUrl, String teamId, String keyId, Secret p8Key, String topic) {
    @Override
    public String toString() {
      return "ApnsSender.Settings[" + baseUrl + ", team " + teamId + ", key " + keyId + "]";
    }
  }

  private final HttpClient client;
  private final Context context;
  private final String base;
  private final String topic;
  private final ApnsProviderToken providerToken;

  public ApnsSender(Vertx vertx, Settings settings, Clock clock) {
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setHttp2ClearTextUpgrade(false));
    this.context = vertx.getOrCreateContext();
    this.base =
        settings.baseUrl().endsWith("/")
            ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
            : settings.baseUrl();
    this.topic = settings.topic();
    this.providerToken =
        new ApnsProviderToken(settings.teamId(), settings.keyId(), settings.p8Key(), clock);
  }

  @Override
  public Platform platform() {
    return Platform.APNS;
  }

  @Override
  public Future<PushOutcome> send(Device device, PushMessage message) {
    // on the sender's own context, so the cached provider token has one thread
    return ProviderHttp.onContext(context, () -> sendHere(device, message));
  }

  private Future<PushOutcome> sendHere(Device device, PushMessage message) {
    String jwt = providerToken.current();
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("authorization", "bearer " + jwt)
            .add("apns-topic", topic)
            .add("apns-push-type", "alert")
            .add("apns-priority", "10");
    message
        .collapseKey()
        .filter(key -> key.getBytes(StandardCharsets.UTF_8).length <= MAX_COLLAPSE_ID_BYTES)
        .ifPresent(key -> headers.add("apns-collapse-id", key));
    return ProviderHttp.post(
            client,
            base + "/3/device/" + device.token(),
            headers,
            payload(message),
            ApnsSender::outcome)
        .onSuccess(
            outcome -> {
              if (outcome.reason().endsWith("ProviderToken")) {
                providerToken.discard(jwt);
              }
            });
  }

  static JsonObject payload(PushMessage message) {
    JsonObject aps =
        new JsonObject()
            .put(
                "alert", new JsonObject().put("title", message.title()).put("body", message.body()))
            .put("sound", "default");
    // the app's keys beside "aps", never inside it (Apple owns that dictionary)
    return new JsonObject().put("aps", aps).put("data", message.data());
  }

  static PushOutcome outcome(int status, JsonObject answer) {
    if (status == 200) {
      return PushOutcome.delivered();
    }
    String reason = answer.getString("reason", "");
    if (status == 410 || (status == 400 && GONE.contains(reason))) {
      return PushOutcome.unregistered(reason.isEmpty() ? "Unregistered" : reason);
    }
    boolean retryable =
        ProviderHttp.retryableStatus(status) || "ExpiredProviderToken".equals(reason);
    return PushOutcome.failed(retryable, status + " " + reason);
  }

  @Override
  public void close() {
    client.close();
  }
}
