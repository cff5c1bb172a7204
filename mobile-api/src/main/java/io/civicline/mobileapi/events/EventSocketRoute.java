package io.civicline.mobileapi.events;

import io.civicline.core.events.StaffEvent;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.http.BearerStaffAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/staff/events} upgraded to a WebSocket: the signed-in staff member's live
 * events as JSON text frames {@code {"seq", "type", "data"}}, in order. A client that reconnects
 * passes {@code ?since=<last seq>} and first gets what it missed ({@code {"type":"events.gap"}}
 * when that is no longer kept). The session is checked again periodically, so a revoked or expired
 * session closes the socket ({@value #CLOSE_UNAUTHORIZED}); a client that cannot keep up is closed
 * ({@value #CLOSE_SLOW}) and resumes from its last sequence.
 */
public final class EventSocketRoute {
  private static final Logger LOG = LoggerFactory.getLogger(EventSocketRoute.class);
  public static final String PATH = "/api/v1/staff/events";
  static final short CLOSE_UNAUTHORIZED = 4401;
  static final short CLOSE_SLOW = 1013;

  private final Vertx vertx;
  private final BearerStaffAuth auth;
  private final StaffDirectory directory;
  private final LiveEvents live;
  private final io.civicline.mobileapi.push.LiveSockets sockets;
  private final Duration recheck;

  public EventSocketRoute(
      Vertx vertx,
      BearerStaffAuth auth,
      StaffDirectory directory,
      LiveEvents live,
      Duration recheck) {
    this(vertx, auth, directory, live, null, recheck);
  }

  /**
   * @param sockets where open sockets are counted across nodes, so members with one get no push
   */
  public EventSocketRoute(
      Vertx vertx,
      BearerStaffAuth auth,
      StaffDirectory directory,
      LiveEvents live,
      io.civicline.mobileapi.push.LiveSockets sockets,
      Duration recheck) {
    this.vertx = vertx;
    this.auth = auth;
    this.directory = directory;
    this.live = live;
    this.sockets = sockets;
    this.recheck = recheck;
  }

  /** Mount before the staff API's catch-all routes. */
  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    // The upgrade waits for the token check: unpaused, the request can be read to its end
    // meanwhile, and then it can no longer become a WebSocket (the client sees the connection
    // close mid-handshake).
    ctx.request().pause();
    Optional<String> since = Optional.ofNullable(ctx.request().getParam("since"));
    if (since.isPresent() && !Sequences.valid(since.get())) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    auth.authenticateUpgrade(ctx.request())
        .compose(
            principal ->
                directory
                    .byId(principal.tenant(), principal.staffId())
                    .map(member -> new Who(principal, member.map(m -> m.departmentIds()))))
        .onFailure(failure -> ctx.response().setStatusCode(401).end())
        .onSuccess(
            who -> {
              if (who.departments().isEmpty()) {
                ctx.response().setStatusCode(401).end(); // staff member no longer exists
                return;
              }
              ctx.request()
                  .toWebSocket()
                  .onSuccess(socket -> serve(socket, who, since, token(ctx)))
                  .onFailure(f -> LOG.atDebug().setCause(f).log("WebSocket upgrade failed"));
            });
  }

  private record Who(StaffPrincipal principal, Optional<java.util.List<String>> departments) {}

  private void serve(ServerWebSocket socket, Who who, Optional<String> since, String token) {
    StaffPrincipal principal = who.principal();
    SocketListener listener =
        new SocketListener(socket, principal.staffId(), new HashSet<>(who.departments().get()));
    live.subscribe(principal.tenant(), listener, since)
        .onFailure(failure -> socket.close(CLOSE_SLOW, "try again"))
        .onSuccess(
            subscription -> {
              Future<String> counted =
                  sockets == null
                      ? Future.succeededFuture("")
                      : sockets.connected(principal.tenant(), principal.staffId());
              long timer =
                  vertx.setPeriodic(
                      recheck.toMillis(),
                      id ->
                          auth.authenticate(token)
                              .onFailure(f -> socket.close(CLOSE_UNAUTHORIZED, "session ended")));
              socket.closeHandler(
                  v -> {
                    vertx.cancelTimer(timer);
                    subscription.cancel();
                    if (sockets != null) {
                      counted.onSuccess(sockets::disconnected);
                    }
                  });
            });
  }

  /** The token the upgrade was authenticated with, to check the session again later. */
  private static String token(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).strip();
    }
    String protocols = ctx.request().getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String protocol : protocols.split(",")) {
        if (protocol.strip().startsWith("bearer.")) {
          return protocol.strip().substring(7);
        }
      }
    }
    return Optional.ofNullable(ctx.request().getParam("access_token")).orElse("");
  }

  /** Writes a staff member's events to their socket. */
  private static final class SocketListener implements LiveEvents.Listener {
    private final ServerWebSocket socket;
    private final String staffId;
    private final Set<String> departments;

    SocketListener(ServerWebSocket socket, String staffId, Set<String> departments) {
      this.socket = socket;
      this.staffId = staffId;
      this.departments = Set.copyOf(departments);
    }

    @Override
    public String staffId() {
      return staffId;
    }

    @Override
    public Set<String> departments() {
      return departments;
    }

    @Override
    public void deliver(String sequence, StaffEvent event) {
      if (socket.isClosed()) {
        return;
      }
      if (socket.writeQueueFull()) {
        socket.close(CLOSE_SLOW, "too slow; resume from your last seq");
        return;
      }
      socket.writeTextMessage(
          new JsonObject()
              .put("seq", sequence)
              .put("type", event.type())
              .put("data", event.data())
              .encode());
    }

    @Override
    public void gap() {
      if (!socket.isClosed()) {
        socket.writeTextMessage(new JsonObject().put("type", "events.gap").encode());
      }
    }
  }
}
