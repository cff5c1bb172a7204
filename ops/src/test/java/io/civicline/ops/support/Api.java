package io.civicline.ops.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
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
public final class Api {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;
  private final String token;

  public Api(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** An answer: status, body text, and the body as JSON when it is JSON. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public Object jsonValue() {
      return body.isEmpty() ? null : Json.decodeValue(body);
    }

    public JsonArray items() {
      return json().getJsonArray("items");
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    public String etag() {
      return header("ETag").orElseThrow(() -> new AssertionError("no ETag in " + this));
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** A GET with extra request headers, given as name, value, name, value... */
  public Response getWith(String path, String... headers) {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  /** An answer read as bytes (audio). */
  public record Bytes(int status, byte[] body, HttpResponse<byte[]> raw) {
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A GET whose answer is kept as bytes, with extra request headers (name, value, ...). */
  public Bytes getBytes(String path, String... headers) {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, JsonObject body) {
    return postRaw(path, body.encode(), "application/json");
  }

  public Response postRaw(String path, String body, String contentType) {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Response put(String path, JsonObject body, String ifMatch) {
    return putRaw(path, body.encode(), ifMatch);
  }

  public Response putRaw(String path, String body, String ifMatch) {
    HttpRequest.Builder request =
        request(path)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  /** A PUT of raw bytes (an audio upload) with the given Content-Type (none when null). */
  public Response putBytes(String path, byte[] body, String contentType, String ifMatch) {
    HttpRequest.Builder request = request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response delete(String path, String ifMatch) {
    return send(request(path).DELETE().header("If-Match", ifMatch));
  }

  /** Any method with an optional JSON body, for tables over routes. */
  public Response call(String method, String path, JsonObject body, String ifMatch) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode());
    HttpRequest.Builder request = request(path).method(method, publisher);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(15));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
