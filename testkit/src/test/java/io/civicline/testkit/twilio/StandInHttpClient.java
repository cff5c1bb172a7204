package io.civicline.testkit.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A {@link com.twilio.http.HttpClient} for the Twilio SDK that sends every request to another base
 * URL (the stand-in) instead of {@code https://api.twilio.com}, using the JDK's HTTP client. The
 * SDK builds the full URL ({@link Request#constructURL()}), the auth header ({@link
 * Request#getAuthString()}) and the form body ({@link Request#encodeFormBody()}); this class only
 * rewrites the origin and transports the request. Pass it to {@code new
 * TwilioRestClient.Builder(sid, token).httpClient(...)}.
 */
final class StandInHttpClient extends HttpClient {
  private static final String TWILIO_API = "https://api.twilio.com";

  private final String baseUrl;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  StandInHttpClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String url = request.constructURL().toString();
    if (url.startsWith(TWILIO_API)) {
      url = baseUrl + url.substring(TWILIO_API.length());
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
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
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.body(), response.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio stand-in unreachable at " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted calling " + url, e);
    }
  }
}
