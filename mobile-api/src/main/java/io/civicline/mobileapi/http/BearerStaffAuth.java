package io.civicline.mobileapi.http;

import io.civicline.mobileapi.auth.InvalidToken;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.auth.StaffSessions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Checks the staff access token of a request and puts its {@link StaffPrincipal} into the routing
 * context for the handlers after it. Also checks the tokens of WebSocket upgrades, where browsers
 * cannot set an {@code Authorization} header: there a token may come as a {@code
 * Sec-WebSocket-Protocol} entry {@code bearer.<token>} (next to the real subprotocol, which is the
 * one the server echoes) or, last resort, as {@code ?access_token=} (which ends up in proxies' URL
 * logs, so prefer the others).
 */
public final class BearerStaffAuth implements Handler<RoutingContext> {
  private static final String KEY = "civicline.staffPrincipal";
  static final String PROTOCOL_PREFIX = "bearer.";

  private final StaffSessions sessions;

  public BearerStaffAuth(StaffSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<String> token = headerToken(ctx.request().headers());
    if (token.isEmpty()) {
      ctx.fail(StaffAuthProblems.invalidToken());
      return;
    }
    sessions
        .authenticate(token.get())
        .onSuccess(
            principal -> {
              ctx.put(KEY, principal);
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** The principal a handler behind this one acts for. */
  public static StaffPrincipal principal(RoutingContext ctx) {
    StaffPrincipal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route is not behind BearerStaffAuth");
    }
    return principal;
  }

  /** Checks a bare access token, e.g. one a WebSocket client sends in its first message. */
  public Future<StaffPrincipal> authenticate(String accessToken) {
    return sessions.authenticate(accessToken);
  }

  /**
   * The principal of a WebSocket upgrade request routed through the router. The request is paused
   * meanwhile, or it would end while the session is looked up and could no longer be upgraded; call
   * {@code request.toWebSocket()} on success, fail the routing context otherwise.
   */
  public Future<StaffPrincipal> authenticateUpgrade(HttpServerRequest request) {
    request.pause();
    return upgradeToken(request.headers(), request.getParam("access_token"))
        .onFailure(refused -> request.resume());
  }

  /**
   * The principal of a WebSocket handshake seen by {@code HttpServer.webSocketHandshakeHandler}:
   * reject the handshake with 401 when this fails.
   */
  public Future<StaffPrincipal> authenticateUpgrade(ServerWebSocketHandshake handshake) {
    return upgradeToken(handshake.headers(), queryParam(handshake.query(), "access_token"));
  }

  private Future<StaffPrincipal> upgradeToken(MultiMap headers, String queryToken) {
    Optional<String> token =
        headerToken(headers)
            .or(() -> protocolToken(headers))
            .or(() -> Optional.ofNullable(queryToken));
    return token
        .filter(t -> !t.isBlank())
        .map(sessions::authenticate)
        .orElseGet(() -> Future.failedFuture(InvalidToken.access("no token")));
  }

  private static Optional<String> headerToken(MultiMap headers) {
    String header = headers.get("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
  }

  private static Optional<String> protocolToken(MultiMap headers) {
    for (String header : headers.getAll("Sec-WebSocket-Protocol")) {
      for (String protocol : header.split(",")) {
        String p = protocol.strip();
        if (p.startsWith(PROTOCOL_PREFIX)) {
          return Optional.of(p.substring(PROTOCOL_PREFIX.length()));
        }
      }
    }
    return Optional.empty();
  }

  private static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(
            pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
