package io.civicline.testkit.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local imitation of FCM's HTTP v1 API for tests: {@code POST
 * /v1/projects/<project>/messages:send} on a loopback port. Like Google it wants the configured
 * OAuth access token as bearer (401 otherwise), answers an unknown project with a plain 404, and a
 * token it was told is gone with 404 and the error code {@code UNREGISTERED}. Accepted messages are
 * kept for assertions.
 */
public final class FcmStandIn implements AutoCloseable {
  private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]*)\"");

  private final String project;
  private final String accessToken;
  private final PushInbox inbox = new PushInbox();
  private final AtomicInteger sent = new AtomicInteger();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private FcmStandIn(String project, String accessToken) {
    this.project = project;
    this.accessToken = accessToken;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Accepts messages for {@code project} sent with {@code accessToken} as bearer. */
  public static FcmStandIn start(String project, String accessToken) {
    return new FcmStandIn(project, accessToken);
  }

  /** {@code http://127.0.0.1:<port>}: the base URL to give the sender. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, messages to this token answer 404 {@code UNREGISTERED}. */
  public FcmStandIn unregister(String token) {
    inbox.unregister(token);
    return this;
  }

  /** The next {@code count} requests answer {@code status} (e.g. 503) and are not kept. */
  public FcmStandIn failNext(int count, int status) {
    inbox.failNext(count, status);
    return this;
  }

  public List<ReceivedPush> received() {
    return inbox.received();
  }

  /** Waits until at least {@code count} messages were accepted. */
  public List<ReceivedPush> await(int count, Duration timeout) {
    return inbox.await(count, timeout);
  }

  /** Every request that reached the stand-in, refused ones included. */
  public int requests() {
    return inbox.requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int failure = inbox.takeFailure();
      if (failure != 0) {
        error(exchange, failure, "UNAVAILABLE", "The service is currently unavailable.", null);
        return;
      }
      Matcher path = SEND.matcher(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
        error(exchange, 404, "NOT_FOUND", "Not found.", null);
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.equals("Bearer " + accessToken)) {
        error(
            exchange,
            401,
            "UNAUTHENTICATED",
            "Request had invalid authentication credentials.",
            null);
        return;
      }
      if (!path.group(1).equals(project)) {
        // what Google answers for a project it does not know: no FCM error code
        error(exchange, 404, "NOT_FOUND", "Requested entity was not found.", null);
        return;
      }
      Optional<String> token = token(body);
      if (token.isEmpty()) {
        error(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload.", "INVALID_ARGUMENT");
        return;
      }
      if (inbox.isUnregistered(token.get())) {
        error(exchange, 404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED");
        return;
      }
      inbox.accept(new ReceivedPush(token.get(), body, headers(exchange)));
      respond(
          exchange,
          200,
          "{\"name\":\"projects/" + project + "/messages/" + sent.incrementAndGet() + "\"}");
    }
  }

  private static Optional<String> token(String body) {
    Matcher m = TOKEN.matcher(body);
    return m.find() && !m.group(1).isEmpty() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    return headers;
  }

  /** A Google API error, with an FCM error code in its details when {@code fcmCode} is set. */
  private static void error(
      HttpExchange exchange, int status, String googleStatus, String message, String fcmCode)
      throws IOException {
    String details =
        fcmCode == null
            ? ""
            : ",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\""
                + fcmCode
                + "\"}]";
    respond(
        exchange,
        status,
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":\""
            + message
            + "\",\"status\":\""
            + googleStatus
            + "\""
            + details
            + "}}");
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
