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
 * kept for assertions. It can also grant the access token for a service account's assertion, as
 * Google's token endpoint does.
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
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile String serviceAccountEmail;
  private volatile java.security.PublicKey serviceAccountKey;
  private volatile int tokenLifetimeSeconds = 3599;

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

  /**
   * Also plays Google's OAuth token endpoint at {@link #tokenUri()}: a JWT bearer assertion signed
   * (RS256) by this service account's key, for the FCM scope and this audience, gets the access
   * token; anything else gets 400 {@code invalid_grant}.
   */
  public FcmStandIn acceptServiceAccount(String clientEmail, java.security.PublicKey key) {
    this.serviceAccountEmail = clientEmail;
    this.serviceAccountKey = key;
    return this;
  }

  /** How long granted access tokens are said to last. */
  public FcmStandIn tokenLifetimeSeconds(int seconds) {
    this.tokenLifetimeSeconds = seconds;
    return this;
  }

  /** Where service-account assertions are traded for access tokens. */
  public String tokenUri() {
    return baseUrl() + "/token";
  }

  /** Token exchanges asked for, granted or not. */
  public int tokenRequests() {
    return tokenRequests.get();
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
      if (exchange.getRequestURI().getPath().equals("/token")) {
        tokenRequests.incrementAndGet();
        grant(exchange, body);
        return;
      }
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

  private void grant(HttpExchange exchange, String form) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String problem =
        "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(params.get("grant_type"))
            ? assertionProblem(params.getOrDefault("assertion", ""))
            : "Invalid grant_type";
    if (problem != null) {
      respond(
          exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
      return;
    }
    respond(
        exchange,
        200,
        "{\"access_token\":\""
            + accessToken
            + "\",\"expires_in\":"
            + tokenLifetimeSeconds
            + ",\"token_type\":\"Bearer\"}");
  }

  /** Why the assertion is refused, or null: signature, issuer, audience, scope, expiry. */
  private String assertionProblem(String assertion) {
    String[] parts = assertion.split("\\.");
    if (parts.length != 3 || serviceAccountKey == null) {
      return "Invalid JWT";
    }
    try {
      java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
      rs256.initVerify(serviceAccountKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(java.util.Base64.getUrlDecoder().decode(parts[2]))) {
        return "Invalid JWT Signature.";
      }
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return "Invalid JWT Signature.";
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> claims =
        (Map<String, Object>)
            io.civicline.testkit.Json.parse(
                new String(
                    java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    if (!serviceAccountEmail.equals(claims.get("iss"))) {
      return "Invalid issuer";
    }
    if (!tokenUri().equals(claims.get("aud"))) {
      return "Invalid audience";
    }
    if (!String.valueOf(claims.get("scope")).contains("firebase.messaging")) {
      return "Invalid scope";
    }
    // Google also compares with its own clock; tests run on fixed clocks, so only the span counts
    if (!(claims.get("iat") instanceof Number iat)
        || !(claims.get("exp") instanceof Number exp)
        || exp.longValue() <= iat.longValue()
        || exp.longValue() - iat.longValue() > 3600) {
      return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.";
    }
    return null;
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
