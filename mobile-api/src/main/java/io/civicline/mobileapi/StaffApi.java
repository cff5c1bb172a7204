package io.civicline.mobileapi;

import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.mobileapi.auth.AccessTokens;
import io.civicline.mobileapi.auth.PasswordHasher;
import io.civicline.mobileapi.auth.PasswordHashing;
import io.civicline.mobileapi.auth.PasswordPolicy;
import io.civicline.mobileapi.auth.PasswordSignIn;
import io.civicline.mobileapi.auth.PasswordStore;
import io.civicline.mobileapi.auth.SignInThrottle;
import io.civicline.mobileapi.auth.StaffAuthSettings;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPasswords;
import io.civicline.mobileapi.auth.StaffSessions;
import io.civicline.mobileapi.http.BearerStaffAuth;
import io.civicline.mobileapi.http.StaffAuthRoutes;
import io.civicline.mobileapi.http.StaffProblems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The staff API, built from its parts: what the composition root needs of it. Mount it before the
 * admin API's {@code /api/v1/*} token check: staff routes check staff tokens, and every path under
 * {@code /api/v1/staff} is answered here (unknown ones with 404), so none reaches the admin check.
 */
public final class StaffApi implements AutoCloseable {
  public static final String OPENAPI_RESOURCE = "/openapi/staff-api.json";

  /** Where the document is served, without a token: app teams build against it. */
  public static final String OPENAPI_PATH = StaffAuthRoutes.BASE + "/openapi.json";

  private static io.vertx.core.buffer.Buffer openApiDocument() {
    try (java.io.InputStream in = StaffApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
      }
      return io.vertx.core.buffer.Buffer.buffer(in.readAllBytes());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private final PasswordHashing hashing;
  private final StaffSessions sessions;
  private final StaffPasswords passwords;
  private final BearerStaffAuth auth;
  private final StaffAuthRoutes routes;
  private final io.civicline.mobileapi.http.StaffTextRoutes textRoutes;
  private final io.civicline.mobileapi.http.StaffPresenceRoutes presenceRoutes;
  private final io.civicline.mobileapi.push.DeviceRegistry devices;
  private final List<Consumer<Router>> moreRoutes;
  private final int maxBodyBytes;

  private StaffApi(
      PasswordHashing hashing,
      StaffSessions sessions,
      StaffPasswords passwords,
      BearerStaffAuth auth,
      StaffAuthRoutes routes,
      io.civicline.mobileapi.http.StaffTextRoutes textRoutes,
      io.civicline.mobileapi.http.StaffPresenceRoutes presenceRoutes,
      io.civicline.mobileapi.push.DeviceRegistry devices,
      List<Consumer<Router>> moreRoutes,
      int maxBodyBytes) {
    this.hashing = hashing;
    this.sessions = sessions;
    this.passwords = passwords;
    this.auth = auth;
    this.routes = routes;
    this.textRoutes = textRoutes;
    this.presenceRoutes = presenceRoutes;
    this.devices = devices;
    this.moreRoutes = moreRoutes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * What the voice channels offer the app: in-app voice tokens and click-to-call.
   *
   * @param tokens in-app voice credentials ({@link io.civicline.mobileapi.calls.VoiceTokens#NONE}
   *     when not configured)
   * @param outbound click-to-call through the town's voice channel
   * @param callsPerHour how many calls a member may place from the app in a clock hour
   */
  public record Voice(
      io.civicline.mobileapi.calls.VoiceTokens tokens,
      io.civicline.mobileapi.calls.OutboundCalls outbound,
      int callsPerHour) {
    public static final Voice NONE =
        new Voice(
            io.civicline.mobileapi.calls.VoiceTokens.NONE,
            io.civicline.mobileapi.calls.OutboundCalls.NONE);

    /** With the default limit of calls a member may place in an hour. */
    public Voice(
        io.civicline.mobileapi.calls.VoiceTokens tokens,
        io.civicline.mobileapi.calls.OutboundCalls outbound) {
      this(tokens, outbound, io.civicline.mobileapi.calls.CallRateLimit.DEFAULT_PER_HOUR);
    }
  }

  /**
   * The staff API over its ports: {@code texts} (the texting channel's threads), {@code events}
   * (where presence and inbox changes are announced), {@code inbox} (departments' voicemail and
   * text threads in one list, MMS attachments), {@code voice} (in-app calling and click-to-call)
   * and {@code calls} (the voice channels' call records, for the members' call history); each has a
   * {@code NONE} for a deployment without it.
   *
   * @param maxBodyBytes the request body limit ({@code http.maxBodyBytes})
   */
  public static StaffApi create(
      Vertx vertx,
      Redis redis,
      DocumentStore store,
      StaffAuthSettings settings,
      io.civicline.mobileapi.texts.TextInbox texts,
      io.civicline.core.events.StaffEvents events,
      io.civicline.mobileapi.inbox.InboxParts inbox,
      Voice voice,
      io.civicline.mobileapi.calls.CallHistory calls,
      Clock clock,
      int maxBodyBytes) {
    io.civicline.core.presence.OnCalls onCalls =
        new io.civicline.core.presence.OnCalls(redis, clock);
    StaffDirectory directory = new StaffDirectory(store);
    PasswordStore passwordStore = new PasswordStore(redis);
    int cores = Runtime.getRuntime().availableProcessors();
    PasswordHashing hashing =
        new PasswordHashing(vertx, new PasswordHasher(settings.argon2()), Math.max(2, cores));
    SignInThrottle throttle = new SignInThrottle(redis, settings.throttle(), clock);
    StaffSessions sessions =
        new StaffSessions(redis, new AccessTokens(settings), directory, settings, clock);
    BearerStaffAuth auth = new BearerStaffAuth(sessions);
    PasswordSignIn signIn = new PasswordSignIn(directory, passwordStore, hashing, throttle);
    StaffPasswords passwords =
        new StaffPasswords(
            directory, passwordStore, hashing, new PasswordPolicy(), sessions, throttle);
    StaffAuthRoutes routes =
        new StaffAuthRoutes(
            signIn, passwords, sessions, directory, auth, settings.proxies(), clock);
    return new StaffApi(
        hashing,
        sessions,
        passwords,
        auth,
        routes,
        new io.civicline.mobileapi.http.StaffTextRoutes(texts, directory, auth),
        new io.civicline.mobileapi.http.StaffPresenceRoutes(
            store, directory, events, onCalls, auth, clock),
        new io.civicline.mobileapi.push.DeviceRegistry(redis, clock),
        List.of(
            new io.civicline.mobileapi.http.StaffInboxRoutes(inbox, directory, auth, events)::mount,
            new io.civicline.mobileapi.http.StaffTextMediaRoutes(
                    texts, inbox.attachments(), directory, auth)
                ::mount,
            new io.civicline.mobileapi.http.StaffCallRoutes(
                    voice.tokens(),
                    voice.outbound(),
                    new io.civicline.mobileapi.calls.CallRateLimit(
                        redis, clock, voice.callsPerHour()),
                    store,
                    directory,
                    auth)
                ::mount,
            new io.civicline.mobileapi.http.StaffCallHistoryRoutes(calls, directory, auth)::mount,
            new io.civicline.mobileapi.http.StaffColleaguesRoutes(
                    store, directory, onCalls, auth, clock)
                ::mount),
        maxBodyBytes);
  }

  /** Mounts every staff route under {@code /api/v1/staff}. */
  public void mount(Router router) {
    mount(router, r -> {});
  }

  /**
   * Mounts the staff routes, then {@code more} staff routes (e.g. other parts of the staff API,
   * behind {@link #bearerAuth()}), then the 404/405 answer for every other {@code /api/v1/staff}
   * path, which must come last.
   */
  public void mount(Router router, Consumer<Router> more) {
    String all = StaffAuthRoutes.BASE + "/*";
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    router
        .route(all)
        .handler(
            ctx -> {
              // a WebSocket upgrade has no body, and reading one would end the request before
              // the handshake
              if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                ctx.next();
              } else {
                bodies.handle(ctx);
              }
            });
    router.route(all).failureHandler(StaffProblems::handle);
    io.vertx.core.buffer.Buffer document = openApiDocument();
    router
        .get(OPENAPI_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(document));
    routes.mount(router);
    textRoutes.mount(router);
    presenceRoutes.mount(router);
    new io.civicline.mobileapi.http.DeviceRoutes(devices, auth).mount(router);
    moreRoutes.forEach(routes -> routes.accept(router));
    more.accept(router);
    router
        .route(all)
        .handler(
            ctx -> {
              Set<HttpMethod> allowed = allowedMethods(router, ctx.request().path());
              if (allowed.isEmpty()) {
                ctx.fail(Problem.notFound("no such resource"));
                return;
              }
              ctx.response()
                  .putHeader(
                      "Allow",
                      String.join(", ", allowed.stream().map(HttpMethod::name).sorted().toList()));
              ctx.fail(
                  new Problem(
                      405,
                      "method-not-allowed",
                      "Method not allowed",
                      ctx.request().method() + " is not allowed here"));
            });
  }

  /**
   * The methods the staff routes answer at {@code path} (templates such as {@code
   * /texts/threads/:threadId/messages} included), read from the router itself so a new route never
   * needs a second list; empty when no route has this path.
   */
  static Set<HttpMethod> allowedMethods(Router router, String path) {
    Set<HttpMethod> allowed =
        new java.util.TreeSet<>(java.util.Comparator.comparing(HttpMethod::name));
    for (io.vertx.ext.web.Route route : router.getRoutes()) {
      String template = route.getPath();
      if (template == null
          || !template.startsWith(StaffAuthRoutes.BASE)
          || route.methods() == null
          || route.methods().isEmpty()) {
        continue;
      }
      String pattern =
          java.util.Arrays.stream(template.split("/", -1))
              .map(part -> part.startsWith(":") ? "[^/]+" : java.util.regex.Pattern.quote(part))
              .collect(java.util.stream.Collectors.joining("/"));
      if (path.matches(pattern)) {
        allowed.addAll(route.methods());
      }
    }
    return allowed;
  }

  /**
   * Checks staff access tokens: put it in front of other staff routes, or use it for WebSockets.
   */
  public BearerStaffAuth bearerAuth() {
    return auth;
  }

  /** How many Argon2 verifications sign-ins ran (each sign-in costs one, known or not). */
  public long passwordVerifications() {
    return hashing.verifications();
  }

  /** Staff members' push devices, for {@link io.civicline.mobileapi.push.PushFanout}. */
  public io.civicline.mobileapi.push.DeviceRegistry devices() {
    return devices;
  }

  /** Sessions: revoke one or all of a member's. */
  public StaffSessions sessions() {
    return sessions;
  }

  /** For the admin API: set or remove a member's password, revoke all their sessions. */
  public StaffPasswords passwords() {
    return passwords;
  }

  @Override
  public void close() {
    hashing.close();
  }
}
