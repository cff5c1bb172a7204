package io.civicline.testkit.push;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local imitation of the APNs provider API for tests: HTTP/2 over cleartext with prior knowledge
 * on a loopback port, {@code POST /3/device/<token>}. Like Apple it checks the provider token (an
 * ES256 JWT with the key id, the team as issuer and an issue time under an hour old, signed by the
 * configured key), the {@code apns-topic} and {@code apns-push-type}, and answers 410 {@code
 * Unregistered} for tokens it was told are gone. Accepted pushes are kept for assertions.
 *
 * <pre>{@code
 * try (ApnsStandIn apns = ApnsStandIn.start("TEAM123456", "KEY1234567", keys.getPublic(), "town.app")) {
 *   // point the sender at apns.baseUrl()
 *   apns.unregister("ab12...");
 *   ReceivedPush push = apns.await(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 */
public final class ApnsStandIn implements AutoCloseable {
  private static final String PATH = "/3/device/";

  private final String teamId;
  private final String keyId;
  private final PublicKey key;
  private final String topic;
  private final Clock clock;
  private final PushInbox inbox = new PushInbox();
  private final Set<String> providerTokens = ConcurrentHashMap.newKeySet();
  private final H2cServer server;

  private ApnsStandIn(String teamId, String keyId, PublicKey key, String topic, Clock clock) {
    this.teamId = teamId;
    this.keyId = keyId;
    this.key = key;
    this.topic = topic;
    this.clock = clock;
    this.server = new H2cServer(this::handle);
  }

  /** Accepts provider tokens of this team and key (checked with {@code key}) for {@code topic}. */
  public static ApnsStandIn start(String teamId, String keyId, PublicKey key, String topic) {
    return start(teamId, keyId, key, topic, Clock.systemUTC());
  }

  /** With the clock provider tokens' issue times are checked against. */
  public static ApnsStandIn start(
      String teamId, String keyId, PublicKey key, String topic, Clock clock) {
    return new ApnsStandIn(teamId, keyId, key, topic, clock);
  }

  /** {@code http://127.0.0.1:<port>}: the base URL to give the sender. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** From now on, pushes to this token answer 410 Unregistered. */
  public ApnsStandIn unregister(String token) {
    inbox.unregister(token);
    return this;
  }

  /** The next {@code count} requests answer {@code status} (e.g. 503) and are not kept. */
  public ApnsStandIn failNext(int count, int status) {
    inbox.failNext(count, status);
    return this;
  }

  public List<ReceivedPush> received() {
    return inbox.received();
  }

  /** Waits until at least {@code count} pushes were accepted. */
  public List<ReceivedPush> await(int count, Duration timeout) {
    return inbox.await(count, timeout);
  }

  /** Every request that reached the stand-in, refused ones included. */
  public int requests() {
    return inbox.requests();
  }

  /** The distinct valid provider tokens seen (a sender should reuse one for a while). */
  public Set<String> providerTokens() {
    return Set.copyOf(providerTokens);
  }

  private H2cServer.Response handle(H2cServer.Request request) {
    int failure = inbox.takeFailure();
    if (failure != 0) {
      return answer(failure, failure == 429 ? "TooManyRequests" : "ServiceUnavailable");
    }
    if (!request.method().equals("POST")) {
      return answer(405, "MethodNotAllowed");
    }
    if (!request.path().startsWith(PATH) || request.path().length() == PATH.length()) {
      return answer(404, "BadPath");
    }
    Optional<String> refused = refuseProviderToken(request.headers().get("authorization"));
    if (refused.isPresent()) {
      return answer(403, refused.get());
    }
    if (!topic.equals(request.headers().get("apns-topic"))) {
      return answer(400, request.headers().containsKey("apns-topic") ? "BadTopic" : "MissingTopic");
    }
    if (request.headers().get("apns-push-type") == null) {
      return answer(400, "InvalidPushType");
    }
    String collapseId = request.headers().get("apns-collapse-id");
    if (collapseId != null && collapseId.getBytes(StandardCharsets.UTF_8).length > 64) {
      return answer(400, "BadCollapseId");
    }
    String token = request.path().substring(PATH.length());
    if (inbox.isUnregistered(token)) {
      return new H2cServer.Response(
          410,
          Map.of("content-type", "application/json"),
          ("{\"reason\":\"Unregistered\",\"timestamp\":" + clock.millis() + "}")
              .getBytes(StandardCharsets.UTF_8));
    }
    if (request.body().length == 0 || request.body().length > 4096) {
      return answer(413, request.body().length == 0 ? "PayloadEmpty" : "PayloadTooLarge");
    }
    inbox.accept(
        new ReceivedPush(
            token, new String(request.body(), StandardCharsets.UTF_8), request.headers()));
    return new H2cServer.Response(
        200, Map.of("apns-id", UUID.randomUUID().toString().toUpperCase()), new byte[0]);
  }

  /** Why Apple would refuse this authorization, if it would. */
  private Optional<String> refuseProviderToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
      return Optional.of("MissingProviderToken");
    }
    String jwt = authorization.substring(7).strip();
    Optional<Es256Jwt.Verified> verified = Es256Jwt.verify(jwt, key);
    if (verified.isEmpty()
        || !verified.get().headerField("alg").equals(Optional.of("ES256"))
        || !verified.get().headerField("kid").equals(Optional.of(keyId))
        || !verified.get().claim("iss").equals(Optional.of(teamId))) {
      return Optional.of("InvalidProviderToken");
    }
    long issuedAt = verified.get().claim("iat").map(Long::parseLong).orElse(0L);
    long age = clock.instant().getEpochSecond() - issuedAt;
    if (age > 3600 || age < -60) {
      return Optional.of("ExpiredProviderToken");
    }
    providerTokens.add(jwt);
    return Optional.empty();
  }

  private static H2cServer.Response answer(int status, String reason) {
    return new H2cServer.Response(
        status,
        Map.of("content-type", "application/json"),
        ("{\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.close();
  }
}
