package io.civicline.mobileapi.http;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.mobileapi.auth.ClientInfo;
import io.civicline.mobileapi.auth.IdentityProvider;
import io.civicline.mobileapi.auth.InvalidToken;
import io.civicline.mobileapi.auth.PasswordCredentials;
import io.civicline.mobileapi.auth.PasswordPolicy;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPasswords;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.auth.StaffSessions;
import io.civicline.mobileapi.auth.TokenPair;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;

/**
 * {@code /api/v1/staff/auth/sign-in}, {@code .../refresh}, {@code .../sign-out}, {@code
 * /api/v1/staff/me} and {@code /api/v1/staff/me/password}. Sign-in and refresh need no access
 * token; the others do.
 */
public final class StaffAuthRoutes {
  public static final String BASE = "/api/v1/staff";
  public static final String SIGN_IN = BASE + "/auth/sign-in";
  public static final String REFRESH = BASE + "/auth/refresh";
  public static final String SIGN_OUT = BASE + "/auth/sign-out";
  public static final String ME = BASE + "/me";
  public static final String MY_PASSWORD = ME + "/password";

  private final IdentityProvider<PasswordCredentials> passwords;
  private final StaffPasswords passwordChanges;
  private final StaffSessions sessions;
  private final StaffDirectory directory;
  private final BearerStaffAuth auth;
  private final Clock clock;
  private final io.civicline.mobileapi.auth.TrustedProxies proxies;

  /**
   * @param proxies the reverse proxies whose X-Forwarded-For names the client sign-in throttling
   *     counts
   */
  public StaffAuthRoutes(
      IdentityProvider<PasswordCredentials> passwords,
      StaffPasswords passwordChanges,
      StaffSessions sessions,
      StaffDirectory directory,
      BearerStaffAuth auth,
      io.civicline.mobileapi.auth.TrustedProxies proxies,
      Clock clock) {
    this.proxies = proxies;
    this.passwords = passwords;
    this.passwordChanges = passwordChanges;
    this.sessions = sessions;
    this.directory = directory;
    this.auth = auth;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post(SIGN_IN).handler(Endpoint.json(this::signIn));
    router.post(REFRESH).handler(Endpoint.json(this::refresh));
    router.post(SIGN_OUT).handler(auth).handler(Endpoint.noContent(this::signOut));
    router.get(ME).handler(auth).handler(Endpoint.json(this::me));
    router.put(MY_PASSWORD).handler(auth).handler(Endpoint.json(this::changePassword));
  }

  /** A new password ends every session; the answer carries the tokens of the caller's next. */
  private Future<JsonObject> changePassword(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String current = password(in, "currentPassword");
    String fresh = password(in, "newPassword");
    in.rejectUnknownFields();
    errors.throwIfAny();
    return passwordChanges
        .change(BearerStaffAuth.principal(ctx), current, fresh, client(ctx))
        .compose(sessions::start)
        .map(this::tokenBody);
  }

  private Future<JsonObject> signIn(RoutingContext ctx) {
    PasswordCredentials credentials = readCredentials(JsonBodies.object(ctx));
    return passwords.verify(credentials, client(ctx)).compose(sessions::start).map(this::tokenBody);
  }

  private Future<JsonObject> refresh(RoutingContext ctx) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(JsonBodies.object(ctx), errors);
    String token = in.string("refreshToken", true, 200);
    in.rejectUnknownFields();
    errors.throwIfAny();
    return sessions.refresh(token).map(this::tokenBody);
  }

  private Future<Void> signOut(RoutingContext ctx) {
    return sessions.revoke(BearerStaffAuth.principal(ctx));
  }

  private Future<JsonObject> me(RoutingContext ctx) {
    StaffPrincipal principal = BearerStaffAuth.principal(ctx);
    return directory
        .byId(principal.tenant(), principal.staffId())
        .map(
            staff ->
                staff
                    .map(member -> profile(principal, member))
                    // removed from the directory: the token names nobody any more
                    .orElseThrow(() -> InvalidToken.access("staff member removed")));
  }

  private static JsonObject profile(StaffPrincipal principal, StaffMember staff) {
    return new JsonObject()
        .put("tenant", principal.tenant())
        .put("id", staff.id())
        .mergeIn(staff.toJson());
  }

  private JsonObject tokenBody(TokenPair pair) {
    long expiresIn =
        Math.max(0, Duration.between(clock.instant(), pair.accessTokenExpiresAt()).toSeconds());
    return new JsonObject()
        .put("tokenType", "Bearer")
        .put("accessToken", pair.accessToken())
        .put("expiresIn", expiresIn)
        .put("accessTokenExpiresAt", pair.accessTokenExpiresAt().toString())
        .put("refreshToken", pair.refreshToken())
        .put("refreshTokenExpiresAt", pair.refreshTokenExpiresAt().toString())
        .put("tenant", pair.principal().tenant())
        .put("staffId", pair.principal().staffId())
        .put("roles", new JsonArray(new ArrayList<>(pair.principal().roles())));
  }

  /**
   * The sign-in body. The password is read as sent (not trimmed: spaces may be part of it) and its
   * length is capped, so nobody can make the server hash megabytes.
   */
  static PasswordCredentials readCredentials(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String tenant = in.string("tenant", true, 48, Formats::slug);
    String email = in.string("email", true, 254);
    String password = password(in, "password");
    in.rejectUnknownFields();
    errors.throwIfAny();
    return new PasswordCredentials(tenant, email, password);
  }

  /**
   * A password as sent (not trimmed: spaces may be part of it), its length capped so nobody can
   * make the server hash megabytes; {@code null} with an error when missing or wrong.
   */
  private static String password(ObjectReader in, String field) {
    Object value = in.json().getValue(field);
    if (!in.has(field)) {
      in.errors().add(in.pointerOf(field), "is required");
    } else if (!(value instanceof String text) || text.isEmpty()) {
      in.errors().add(in.pointerOf(field), "must be a non-empty string");
    } else if (text.length() > PasswordPolicy.MAX_LENGTH * 2) {
      in.errors().add(in.pointerOf(field), "is too long");
    } else {
      return text;
    }
    return null;
  }

  private ClientInfo client(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    return new ClientInfo(
        proxies.client(
            peer == null ? null : peer.hostAddress(), ctx.request().getHeader("X-Forwarded-For")));
  }
}
