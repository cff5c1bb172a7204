package io.civicline.signaling.twilio;

import io.civicline.core.ports.RecordingSink;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio voice webhooks. Each request is signature-checked first, then translated into one
 * call: start, event, status, recording. Answers are TwiML.
 */
public final class VoiceWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceWebhooks.class);
  static final int MAX_BODY = 64 * 1024;

  private final TwilioSettings settings;
  private final VoiceCalls calls;
  private final CallbackCalls callbacks;
  private final RecordingSink recordings;
  private final MessageAudioRoute messageAudio;
  private final LegStatus legs;
  private final ClickToCallCalls clickToCall;
  private final TwilioRest rest;
  private final Clock clock;

  public VoiceWebhooks(
      TwilioSettings settings,
      VoiceCalls calls,
      CallbackCalls callbacks,
      RecordingSink recordings,
      MessageAudioRoute messageAudio,
      LegStatus legs,
      ClickToCallCalls clickToCall,
      TwilioRest rest,
      Clock clock) {
    this.legs = legs;
    this.clickToCall = clickToCall;
    this.rest = rest;
    this.settings = settings;
    this.calls = calls;
    this.callbacks = callbacks;
    this.recordings = recordings;
    this.messageAudio = messageAudio;
    this.clock = clock;
  }

  public void mount(Router router) {
    String base = CallUrls.PREFIX;
    // Fetched by Twilio with a plain GET and no Twilio signature: the URL is signed instead, so
    // this route comes before the signature check and does its own.
    router.get(MessageAudioUrls.route()).handler(messageAudio);
    router
        .route(base + "/*")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(new TwilioSignatureCheck(settings));
    router.post(base).handler(ctx -> twiml(ctx, calls.incoming(params(ctx))));
    router.post(base + "/status").handler(ctx -> empty(ctx, calls.status(params(ctx))));
    router.post(base + "/:tenant/calls/:sid/recording").handler(this::recording);
    router
        .post(base + "/:tenant/calls/:sid/" + LegStatus.KIND)
        .handler(
            ctx ->
                empty(
                    ctx,
                    legs.report(
                        ctx.pathParam("tenant"),
                        ctx.pathParam("sid"),
                        ctx.request().getParam("staff", ""),
                        params(ctx))));
    router.post(base + "/:tenant/calls/:sid/:kind").handler(this::event);
    router
        .post(base + "/:tenant/callbacks/:queue")
        .handler(
            ctx ->
                twiml(
                    ctx,
                    callbacks.answered(
                        ctx.pathParam("tenant"), ctx.pathParam("queue"), params(ctx))));
    router
        .post(base + "/:tenant/" + ClickToCallCalls.PATH)
        .handler(
            ctx ->
                twiml(ctx, clickToCall.connect(ctx.pathParam("tenant"), query(ctx), params(ctx))));
    router
        .post(base + "/:tenant/" + ClickToCallCalls.PATH + "/done")
        .handler(
            ctx -> twiml(ctx, clickToCall.done(ctx.pathParam("tenant"), query(ctx), params(ctx))));
    router
        .post(base + "/:tenant/callbacks/:queue/done")
        .handler(ctx -> twiml(ctx, Future.succeededFuture(CallbackCalls.goodbye())));
  }

  private void event(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    if (!TwilioEvents.known(kind)) {
      twiml(ctx, Future.succeededFuture(TwimlRenderer.apology(VoiceCalls.CANNOT_CONTINUE)));
      return;
    }
    twiml(
        ctx,
        calls.event(
            ctx.pathParam("tenant"), ctx.pathParam("sid"), kind, params(ctx), replyKey(ctx, kind)));
  }

  private void recording(RoutingContext ctx) {
    Map<String, String> p = params(ctx);
    String recordingSid = p.getOrDefault("RecordingSid", "");
    if (!"completed".equals(p.getOrDefault("RecordingStatus", "completed"))) {
      // Twilio reports absent or failed recordings too; there is nothing to fetch.
      empty(ctx, Future.succeededFuture());
      return;
    }
    String tenant = ctx.pathParam("tenant");
    String callSid = ctx.pathParam("sid");
    Future<Void> stored =
        calls
            .recordingContext(tenant, callSid)
            .compose(
                call -> {
                  RecordingSink.Recording recording =
                      new RecordingSink.Recording(
                          tenant,
                          ctx.request().getParam("mailbox", ""),
                          callSid,
                          call.caller(),
                          "twilio:" + recordingSid,
                          TwilioEvents.integer(p.get("RecordingDuration")),
                          call.language(),
                          clock.instant());
                  return recordings.accept(recording, () -> rest.downloadRecording(recordingSid));
                });
    // Only a stored message is acknowledged; otherwise Twilio retries.
    empty(ctx, stored);
  }

  /**
   * The key a retried webhook repeats: Twilio's idempotency token, else the webhook kind and its
   * parameters.
   */
  private static String replyKey(RoutingContext ctx, String kind) {
    String token = ctx.request().getHeader("I-Twilio-Idempotency-Token");
    if (token != null && !token.isBlank()) {
      return token;
    }
    return kind + ":" + new java.util.TreeMap<>(params(ctx)).hashCode();
  }

  private static Map<String, String> query(RoutingContext ctx) {
    Map<String, String> query = new java.util.HashMap<>();
    ctx.queryParams().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
    return query;
  }

  private static Map<String, String> params(RoutingContext ctx) {
    return TwilioSignatureCheck.params(ctx);
  }

  private static void twiml(RoutingContext ctx, Future<String> reply) {
    reply
        .onSuccess(xml -> ctx.response().putHeader("Content-Type", "application/xml").end(xml))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static void empty(RoutingContext ctx, Future<Void> done) {
    done.onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(failure -> fail(ctx, failure));
  }

  /** A 500 makes Twilio use the number's fallback URL or retry; the cause goes to the log only. */
  private static void fail(RoutingContext ctx, Throwable failure) {
    LOG.atError().addKeyValue("path", ctx.request().path()).setCause(failure).log("webhook failed");
    if (!ctx.response().ended()) {
      ctx.response()
          .setStatusCode(500)
          .putHeader("Content-Type", "text/plain")
          .end("internal error");
    }
  }
}
