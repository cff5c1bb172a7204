package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff sessions in Redis, in the town's slot: {@code staff-auth:session:<sid>} (hash: staff,
 * method, created, expires, current refresh-token hash), {@code staff-auth:session-used:<sid>}
 * (hashes of rotated refresh tokens) and {@code staff-auth:sessions-of:<staffId>} (the member's
 * session ids). A session is the family of one sign-in's refresh tokens: each use rotates the
 * token, and replaying a rotated one ends the family.
 *
 * <p>Access tokens are checked against their session on every use, so sign-out and revocation take
 * effect at once rather than when the token expires.
 */
public final class StaffSessions {
  private static final Logger LOG = LoggerFactory.getLogger(StaffSessions.class);
  private static final LuaScript START =
      LuaScript.resource(StaffSessions.class, "session-start.lua");
  private static final LuaScript REFRESH =
      LuaScript.resource(StaffSessions.class, "session-refresh.lua");
  private static final LuaScript REVOKE =
      LuaScript.resource(StaffSessions.class, "session-revoke.lua");
  private static final int MAX_REMEMBERED_TOKENS = 10_000;
  private static final int REVOKE_BATCH = 100;

  private final Redis redis;
  private final AccessTokens tokens;
  private final StaffDirectory directory;
  private final StaffAuthSettings settings;
  private final Clock clock;

  public StaffSessions(
      Redis redis,
      AccessTokens tokens,
      StaffDirectory directory,
      StaffAuthSettings settings,
      Clock clock) {
    this.redis = redis;
    this.tokens = tokens;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts a session for a verified identity, whichever provider verified it. */
  public Future<TokenPair> start(StaffIdentity identity) {
    return currentStaff(identity.tenant(), identity.staffId())
        .compose(
            staff -> {
              Instant now = clock.instant();
              Instant expires = now.plus(settings.sessionMaxAge());
              String sessionId = RandomTokens.id();
              RefreshToken refresh = RefreshToken.fresh(identity.tenant(), sessionId);
              List<String> keys =
                  List.of(
                      sessionKey(identity.tenant(), sessionId),
                      staffSessionsKey(identity.tenant(), identity.staffId()));
              List<String> args =
                  List.of(
                      sessionId,
                      identity.staffId(),
                      identity.method(),
                      Long.toString(now.toEpochMilli()),
                      Long.toString(expires.toEpochMilli()),
                      refresh.hash(),
                      Long.toString(settings.refreshIdleTtl().toMillis()),
                      Long.toString(settings.sessionMaxAge().toMillis()));
              StaffPrincipal principal =
                  new StaffPrincipal(identity.tenant(), staff.id(), staff.roles(), sessionId);
              return START
                  .run(redis, keys, args)
                  .map(done -> pair(principal, refresh, now, expires));
            });
  }

  /**
   * Exchanges a refresh token for a new pair; the presented token is spent. Fails with {@link
   * InvalidToken} for anything but the session's current token, and ends the session when a spent
   * token comes back.
   */
  public Future<TokenPair> refresh(String presented) {
    RefreshToken old =
        RefreshToken.parse(presented)
            .orElseThrow(() -> InvalidToken.refresh("malformed refresh token"));
    RefreshToken next = RefreshToken.fresh(old.tenant(), old.sessionId());
    Instant now = clock.instant();
    List<String> keys =
        List.of(
            sessionKey(old.tenant(), old.sessionId()),
            usedTokensKey(old.tenant(), old.sessionId()));
    return REFRESH
        .run(
            redis,
            keys,
            List.of(
                old.sessionId(),
                old.hash(),
                next.hash(),
                Long.toString(now.toEpochMilli()),
                Long.toString(settings.refreshIdleTtl().toMillis()),
                Integer.toString(MAX_REMEMBERED_TOKENS)))
        .compose(outcome -> afterRefresh(old, next, now, outcome));
  }

  private Future<TokenPair> afterRefresh(
      RefreshToken old, RefreshToken next, Instant now, Response outcome) {
    String result = outcome.get(0).toString();
    if (!"ok".equals(result)) {
      if ("reused".equals(result)) {
        LOG.atWarn()
            .addKeyValue("tenant", old.tenant())
            .addKeyValue("staffId", outcome.get(1).toString())
            .addKeyValue("sessionId", old.sessionId())
            .log("rotated refresh token used again: session revoked (possible token theft)");
      }
      return Future.failedFuture(InvalidToken.refresh(result));
    }
    String staffId = outcome.get(1).toString();
    Instant expires = Instant.ofEpochMilli(outcome.get(3).toLong());
    return directory
        .byId(old.tenant(), staffId)
        .compose(
            staff -> {
              if (staff.isEmpty()) {
                // removed from the directory since signing in: the session goes with them
                return revoke(old.tenant(), staffId, old.sessionId())
                    .compose(v -> Future.failedFuture(InvalidToken.refresh("staff removed")));
              }
              StaffPrincipal principal =
                  new StaffPrincipal(old.tenant(), staffId, staff.get().roles(), old.sessionId());
              return Future.succeededFuture(pair(principal, next, now, expires));
            });
  }

  /**
   * The principal of a genuine, unexpired access token whose session is still alive; {@link
   * InvalidToken} otherwise. For HTTP requests and WebSocket upgrades alike.
   */
  public Future<StaffPrincipal> authenticate(String accessToken) {
    Instant now = clock.instant();
    StaffPrincipal principal;
    try {
      principal = tokens.verify(accessToken, now);
    } catch (InvalidToken refused) {
      return Future.failedFuture(refused);
    }
    Request read =
        Request.cmd(Command.HMGET)
            .arg(sessionKey(principal.tenant(), principal.sessionId()))
            .arg("staff")
            .arg("expires");
    return redis
        .send(read)
        .compose(
            session -> {
              boolean alive =
                  session != null
                      && session.get(0) != null
                      && session.get(0).toString().equals(principal.staffId())
                      && session.get(1).toLong() > now.toEpochMilli();
              return alive
                  ? Future.succeededFuture(principal)
                  : Future.failedFuture(InvalidToken.access("session ended"));
            });
  }

  /** Ends one session (sign-out): its refresh token and access tokens stop working at once. */
  public Future<Void> revoke(StaffPrincipal principal) {
    return revoke(principal.tenant(), principal.staffId(), principal.sessionId());
  }

  private Future<Void> revoke(String tenant, String staffId, String sessionId) {
    return revokeBatch(tenant, staffId, List.of(sessionId)).mapEmpty();
  }

  /**
   * Ends every session of a staff member (an administrator's "sign out everywhere", a password
   * reset, leaving the town). Returns how many session ids were dropped.
   */
  public Future<Integer> revokeAll(String tenant, String staffId) {
    return revokeAllRound(tenant, staffId, 0, 0);
  }

  private Future<Integer> revokeAllRound(String tenant, String staffId, int round, int total) {
    Request members =
        Request.cmd(Command.SRANDMEMBER).arg(staffSessionsKey(tenant, staffId)).arg(REVOKE_BATCH);
    return redis
        .send(members)
        .compose(
            response -> {
              List<String> ids = new ArrayList<>();
              if (response != null) {
                response.forEach(id -> ids.add(id.toString()));
              }
              if (ids.isEmpty()) {
                return Future.succeededFuture(total);
              }
              return revokeBatch(tenant, staffId, ids)
                  .compose(
                      left ->
                          left > 0 && round < 1000
                              ? revokeAllRound(tenant, staffId, round + 1, total + ids.size())
                              : Future.succeededFuture(total + ids.size()));
            });
  }

  private Future<Long> revokeBatch(String tenant, String staffId, List<String> sessionIds) {
    List<String> keys = new ArrayList<>();
    keys.add(staffSessionsKey(tenant, staffId));
    for (String id : sessionIds) {
      keys.add(sessionKey(tenant, id));
      keys.add(usedTokensKey(tenant, id));
    }
    return REVOKE.run(redis, keys, sessionIds).map(Response::toLong);
  }

  private Future<StaffMember> currentStaff(String tenant, String staffId) {
    return directory
        .byId(tenant, staffId)
        // removed from the directory between verification and now: as if the credentials were wrong
        .map(staff -> staff.orElseThrow(InvalidCredentials::new));
  }

  private TokenPair pair(
      StaffPrincipal principal, RefreshToken refresh, Instant now, Instant sessionExpires) {
    AccessTokens.IssuedAccessToken access = tokens.issue(principal, now);
    Instant idleEnd = now.plus(settings.refreshIdleTtl());
    Instant refreshExpires = idleEnd.isBefore(sessionExpires) ? idleEnd : sessionExpires;
    return new TokenPair(
        principal, access.token(), access.expiresAt(), refresh.encode(), refreshExpires);
  }

  static String sessionKey(String tenant, String sessionId) {
    return Keys.tenant(tenant, "staff-auth", "session", sessionId);
  }

  static String usedTokensKey(String tenant, String sessionId) {
    return Keys.tenant(tenant, "staff-auth", "session-used", sessionId);
  }

  static String staffSessionsKey(String tenant, String staffId) {
    return Keys.tenant(tenant, "staff-auth", "sessions-of", staffId);
  }
}
