package io.civicline.signaling.sms;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import io.civicline.signaling.twilio.TwilioSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches an MMS's attachments from Twilio and keeps them in a {@link MediaStore}. The URL is built
 * from the account, message and media ids (never taken from the webhook) and authenticated by the
 * Twilio SDK's request; the body is read only up to the size limit, and only allowed content types
 * are kept. An attachment that cannot be kept is recorded with the reason, and the text is kept.
 *
 * <p>The bytes are fetched with the JDK's client aimed at the configured REST base URL, rather than
 * through {@code TwilioRest}, because the SDK transport there passes only audio through as bytes.
 */
public final class TwilioMediaIntake implements MediaIntake {
  private static final String TWILIO_API = "https://api.twilio.com";

  private final Vertx vertx;
  private final TwilioSettings twilio;
  private final MediaStore store;
  private final SmsSettings settings;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public TwilioMediaIntake(
      Vertx vertx, TwilioSettings twilio, MediaStore store, SmsSettings settings) {
    this.vertx = vertx;
    this.twilio = twilio;
    this.store = store;
    this.settings = settings;
  }

  @Override
  public Future<JsonArray> keep(String tenant, String messageSid, Map<String, String> params) {
    List<Future<JsonObject>> refs = new ArrayList<>();
    for (MediaItems.Item item : MediaItems.of(params)) {
      refs.add(keepOne(tenant, messageSid, item));
    }
    return Future.all(refs)
        .map(
            done -> {
              JsonArray array = new JsonArray();
              refs.forEach(ref -> array.add(ref.result()));
              return array;
            });
  }

  private Future<JsonObject> keepOne(String tenant, String messageSid, MediaItems.Item item) {
    if (item.sid() == null) {
      return Future.succeededFuture(MediaItems.refused(item, "no media id in its URL"));
    }
    if (!allowed(item.contentType())) {
      // Refused by what Twilio announced, before anything is downloaded.
      return Future.succeededFuture(
          MediaItems.refused(item, "content type " + item.contentType() + " is not kept"));
    }
    String name = (messageSid + "-" + item.sid()).toLowerCase(Locale.ROOT);
    return fetch(messageSid, item.sid())
        .compose(content -> store.put(tenant, name, content))
        .map(
            stored ->
                new JsonObject()
                    .put("sid", item.sid())
                    .put("contentType", item.contentType())
                    .put("bytes", stored.bytes())
                    .put("sha256", stored.sha256())
                    .put("key", stored.key()))
        .recover(
            failure ->
                Future.succeededFuture(
                    MediaItems.refused(item, String.valueOf(failure.getMessage()))));
  }

  private Future<byte[]> fetch(String messageSid, String mediaSid) {
    Request request =
        new Request(
            HttpMethod.GET,
            TWILIO_API
                + "/2010-04-01/Accounts/"
                + twilio.accountSid()
                + "/Messages/"
                + messageSid
                + "/Media/"
                + mediaSid);
    request.setAuth(twilio.accountSid(), twilio.authToken().reveal());
    String url =
        twilio.restBaseUrl() + request.constructURL().toString().substring(TWILIO_API.length());
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", request.getAuthString())
            .GET()
            .build();
    return vertx.executeBlocking(
        () -> {
          HttpResponse<InputStream> response =
              http.send(get, HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("media fetch answered " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!allowed(type)) {
              throw new IllegalStateException("content type " + type + " is not kept");
            }
            byte[] content = body.readNBytes((int) settings.maxMediaBytes() + 1);
            if (content.length > settings.maxMediaBytes()) {
              throw new IllegalStateException("larger than " + settings.maxMediaBytes() + " bytes");
            }
            return content;
          }
        },
        false);
  }

  private boolean allowed(String contentType) {
    String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return settings.mediaTypes().contains(base);
  }
}
