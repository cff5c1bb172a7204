package io.civicline.signaling.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Twilio SDK's transport, aimed at a configurable base URL: the SDK builds the URL, auth and
 * form body as usual; this client swaps {@code https://api.twilio.com} for the configured origin (a
 * stand-in in tests and demos) and sends the request with the JDK's HTTP client. Blocking: call it
 * off the event loop.
 */
final class BaseUrlHttpClient extends HttpClient {
  private static final String TWILIO_API = "https://api.twilio.com";

  private final String baseUrl;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  BaseUrlHttpClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String url = request.constructURL().toString();
    if (url.startsWith(TWILIO_API)) {
      url = baseUrl + url.substring(TWILIO_API.length());
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    request
        .getHeaderParams()
        .forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
      boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
      builder.header(
          "Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
      String body = json ? request.getBody() : request.encodeFormBody();
      builder.method(method.name(), HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    } else {
      builder.method(method.name(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      String type = response.headers().firstValue("Content-Type").orElse("");
      // Recordings are audio: their bytes go through untouched instead of as text.
      if (type.startsWith("audio/") || type.startsWith("application/octet-stream")) {
        return new Response(new ByteArrayInputStream(response.body()), response.statusCode());
      }
      return new Response(
          new String(response.body(), StandardCharsets.UTF_8), response.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio unreachable at " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted calling Twilio", e);
    }
  }
}
