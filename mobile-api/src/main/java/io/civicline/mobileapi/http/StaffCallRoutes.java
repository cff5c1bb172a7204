package io.civicline.mobileapi.http;

import io.civicline.core.directory.RingPreference;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.calls.CallRateLimit;
import io.civicline.mobileapi.calls.OutboundCalls;
import io.civicline.mobileapi.calls.VoiceTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls from the app: a voice token to answer and call in the app, click-to-call a resident showing
 * a department's number, and where incoming calls ring the member (app, mobile or both).
 */
public final class StaffCallRoutes {
  public static final String VOICE_TOKEN = StaffAuthRoutes.BASE + "/calls/voice-token";
  public static final String OUTBOUND = StaffAuthRoutes.BASE + "/calls/outbound";
  public static final String RING_PREFERENCE = StaffAuthRoutes.BASE + "/ring-preference";

  private final VoiceTokens tokens;
  private final OutboundCalls outbound;
  private final CallRateLimit limit;
  private final DocumentStore store;
  private final StaffDirectory directory;
  private final BearerStaffAuth auth;

  public StaffCallRoutes(
      VoiceTokens tokens,
      OutboundCalls outbound,
      CallRateLimit limit,
      DocumentStore store,
      StaffDirectory directory,
      BearerStaffAuth auth) {
    this.tokens = tokens;
    this.outbound = outbound;
    this.limit = limit;
    this.store = store;
    this.directory = directory;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post(VOICE_TOKEN).handler(auth).handler(Endpoint.json(this::voiceToken));
    router.post(OUTBOUND).handler(auth).handler(Endpoint.json(202, this::call));
    router.get(RING_PREFERENCE).handler(auth).handler(Endpoint.json(this::ringPreference));
    router.put(RING_PREFERENCE).handler(auth).handler(Endpoint.json(this::setRingPreference));
  }

  private Future<JsonObject> voiceToken(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    VoiceTokens.VoiceToken token =
        tokens.issue(me.tenant(), me.staffId()).orElseThrow(StaffCallRoutes::voiceUnavailable);
    return Future.succeededFuture(
        new JsonObject()
            .put("token", token.token())
            .put("identity", token.identity())
            .put("expiresAt", token.expiresAt().toString()));
  }

  private Future<JsonObject> call(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(JsonBodies.object(ctx), errors);
    String to = in.string("to", true, 16, Formats::e164);
    String department = in.string("department", true, 48, Formats::slug);
    String via =
        in.string(
            "via",
            false,
            8,
            text -> List.of("app", "mobile").contains(text) ? null : "must be app or mobile");
    in.rejectUnknownFields();
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors.list());
    }
    return member(me)
        .compose(
            caller -> {
              if (!caller.departmentIds().contains(department)) {
                throw Problem.forbidden("not a member of department " + department);
              }
              return via(me, caller, via)
                  .map(
                      chosen ->
                          new OutboundCalls.OutboundCall(
                              me.tenant(), caller, department, to, chosen))
                  .compose(asked -> outbound.allowed(asked).map(asked))
                  .compose(asked -> limited(ctx, me).map(asked))
                  .compose(
                      asked ->
                          outbound
                              .place(asked)
                              .map(
                                  placed ->
                                      new JsonObject()
                                          .put("id", placed.id())
                                          .put("channel", placed.channel())
                                          .put("to", to)
                                          .put("department", department)
                                          .put("callerId", placed.callerId())
                                          .put("via", asked.via().wire())
                                          .put("status", "ringing-you")));
            })
        .recover(StaffCallRoutes::refusal);
  }

  /** One more call of the member's hour, or 429 with when to try again. */
  private Future<Void> limited(RoutingContext ctx, StaffPrincipal me) {
    return limit
        .take(me.tenant(), me.staffId())
        .map(
            wait -> {
              if (wait.isPresent()) {
                long seconds = Math.max(1, wait.get().toSeconds());
                ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                throw new Problem(
                    429,
                    "too-many-calls",
                    "Too many calls",
                    "you placed the most calls allowed from the app this hour; try again in "
                        + seconds
                        + " s");
              }
              return null;
            });
  }

  /** The phone asked for, else the one incoming calls ring (the app when both do). */
  private Future<OutboundCalls.Via> via(StaffPrincipal me, StaffMember caller, String asked) {
    Future<OutboundCalls.Via> chosen =
        asked != null
            ? Future.succeededFuture(OutboundCalls.Via.valueOf(asked.toUpperCase(Locale.ROOT)))
            : preference(me)
                .map(
                    p ->
                        p.ringOn() == RingPreference.RingOn.MOBILE
                            ? OutboundCalls.Via.MOBILE
                            : OutboundCalls.Via.APP);
    return chosen.map(
        via -> {
          if (via == OutboundCalls.Via.MOBILE && caller.mobile().isEmpty()) {
            throw invalid(
                "via", "you have no mobile number on file; an admin adds it to your staff record");
          }
          return via;
        });
  }

  private static Future<JsonObject> refusal(Throwable failure) {
    return switch (failure) {
      case OutboundCalls.NotAllowed barred ->
          Future.failedFuture(
              Problem.invalid(List.of(new FieldError("#/to", barred.getMessage()))));
      case OutboundCalls.NotPossible refused ->
          Future.failedFuture(
              new Problem(409, "call-not-possible", "Call not possible", refused.getMessage()));
      case OutboundCalls.Unavailable down ->
          Future.failedFuture(
              new Problem(503, "voice-unavailable", "Voice unavailable", down.getMessage()));
      default -> Future.failedFuture(failure);
    };
  }

  private Future<JsonObject> ringPreference(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    return member(me).compose(caller -> preference(me).map(p -> wire(caller, p)));
  }

  private Future<JsonObject> setRingPreference(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    FieldErrors errors = new FieldErrors();
    RingPreference wanted =
        RingPreference.parse(me.staffId(), ObjectReader.root(JsonBodies.object(ctx), errors));
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors.list());
    }
    return member(me)
        .compose(
            caller -> {
              if (wanted.ringOn().mobile() && caller.mobile().isEmpty()) {
                throw invalid(
                    "ringOn",
                    "you have no mobile number on file; an admin adds it to your staff record");
              }
              return store
                  .get(me.tenant(), RingPreference.COLLECTION, me.staffId())
                  .compose(current -> write(me, wanted, current))
                  .map(saved -> wire(caller, wanted));
            });
  }

  private Future<Stored> write(StaffPrincipal me, RingPreference wanted, Optional<Stored> current) {
    DocumentStore.Write write =
        new DocumentStore.Write(
            me.tenant(),
            RingPreference.COLLECTION,
            me.staffId(),
            wanted.toJson(),
            wanted.references(),
            List.of(),
            me.actor());
    return current.isPresent()
        ? store.replace(write, current.get().version())
        : store.create(write);
  }

  private Future<RingPreference> preference(StaffPrincipal me) {
    return store
        .get(me.tenant(), RingPreference.COLLECTION, me.staffId())
        .map(
            found ->
                found
                    .map(
                        stored ->
                            RingPreference.parse(
                                stored.id(), ObjectReader.root(stored.body(), new FieldErrors())))
                    .orElseGet(() -> RingPreference.defaultFor(me.staffId())));
  }

  private Future<StaffMember> member(StaffPrincipal me) {
    return directory
        .byId(me.tenant(), me.staffId())
        .map(found -> found.orElseThrow(() -> Problem.forbidden("no longer a staff member")));
  }

  private static JsonObject wire(StaffMember member, RingPreference preference) {
    JsonObject json =
        new JsonObject().put("staffId", member.id()).put("ringOn", preference.ringOn().wire());
    member.mobile().ifPresentOrElse(m -> json.put("mobile", m), () -> json.putNull("mobile"));
    return json;
  }

  private static Problem voiceUnavailable() {
    return new Problem(
        503,
        "voice-unavailable",
        "Voice unavailable",
        "in-app calling is not configured for this deployment (twilio.apiKeySid)");
  }

  private static Problem invalid(String field, String detail) {
    return Problem.invalid(List.of(new FieldError("#/" + field, detail)));
  }
}
