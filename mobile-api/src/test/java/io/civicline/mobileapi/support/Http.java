package io.civicline.mobileapi.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small blocking HTTP client for API tests. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  public Http(int port) {
    this.port = port;
  }

  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response post(String path, JsonObject body) {
    return post(path, body, null);
  }

  public Response post(String path, JsonObject body, String token) {
    return postRaw(path, body == null ? "" : body.encode(), "application/json", token);
  }

  public Response postRaw(String path, String body, String contentType, String token) {
    HttpRequest.Builder request =
        request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  /** A JSON POST with more headers, given as name, value, name, value... */
  public Response postWith(String path, JsonObject body, String token, String... headers) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .headers(headers)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build());
  }

  public Response putRaw(String path, String body, String contentType, String token) {
    HttpRequest.Builder request =
        request(path, token).PUT(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  public Response put(String path, JsonObject body, String token) {
    return putRaw(path, body.encode(), "application/json", token);
  }

  /** PATCH with a JSON body and, when given, If-Match. */
  public Response patch(String path, JsonObject body, String ifMatch, String token) {
    HttpRequest.Builder request =
        request(path, token)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json");
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request.build());
  }

  /** A GET whose body is bytes (a recording, an attachment), not text. */
  public HttpResponse<byte[]> getBytes(String path, String token) {
    try {
      return CLIENT.send(
          request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  /** A GET with more headers, given as name, value, name, value... */
  public Response getWith(String path, String token, String... headers) {
    return send(request(path, token).headers(headers).GET().build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
