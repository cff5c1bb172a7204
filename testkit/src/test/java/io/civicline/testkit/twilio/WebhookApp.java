package io.civicline.testkit.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny Twilio webhook app for tests: it checks {@code X-Twilio-Signature} with the real SDK's
 * {@link RequestValidator} (403 if invalid, as a real app must) and answers scripted TwiML.
 */
final class WebhookApp implements AutoCloseable {
  /** One request the app received. {@code params} are the POST body or the GET query. */
  record Hit(String method, String url, String path, Map<String, String> params) {
    String param(String name) {
      return params.get(name);
    }
  }

  private final HttpServer server;
  private final RequestValidator validator;
  private final Map<String, Function<Hit, String>> routes = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final List<Hit> rejected = new CopyOnWriteArrayList<>();

  private WebhookApp(String authToken) throws IOException {
    validator = new RequestValidator(authToken);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  static WebhookApp start(String authToken) {
    try {
      return new WebhookApp(authToken);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An absolute URL on this app, e.g. {@code url("/voice?town=springfield")}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** Answers requests to {@code path} with this TwiML. */
  WebhookApp twiml(String path, String twiml) {
    return route(path, hit -> twiml);
  }

  /** Answers requests to {@code path} with TwiML computed from the request. */
  WebhookApp route(String path, Function<Hit, String> twiml) {
    routes.put(path, twiml);
    return this;
  }

  /** Answers requests to {@code path} with this HTTP status and no TwiML. */
  WebhookApp status(String path, int status) {
    statuses.put(path, status);
    return this;
  }

  /** Validly signed requests received at this path, in order. */
  List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).toList();
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  /** Requests rejected with 403 because their signature did not validate. */
  List<Hit> rejected() {
    return List.copyOf(rejected);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String url = url(exchange.getRequestURI().toString());
      String path = exchange.getRequestURI().getPath();
      boolean post = exchange.getRequestMethod().equals("POST");
      Map<String, String> body =
          post
              ? decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
              : Map.of();
      Map<String, String> params = post ? body : decode(exchange.getRequestURI().getRawQuery());
      String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
      Hit hit = new Hit(exchange.getRequestMethod(), url, path, params);
      if (signature == null || !validator.validate(url, body, signature)) {
        rejected.add(hit);
        respond(exchange, 403, "invalid signature");
        return;
      }
      hits.add(hit);
      Integer status = statuses.get(path);
      Function<Hit, String> route = routes.get(path);
      if (status != null) {
        respond(exchange, status, "scripted failure");
      } else if (route == null) {
        respond(exchange, 404, "no route " + path);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        respond(exchange, 200, route.apply(hit));
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
