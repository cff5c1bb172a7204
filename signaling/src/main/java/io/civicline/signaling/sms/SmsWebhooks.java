package io.civicline.signaling.sms;

import io.civicline.core.validation.Formats;
import io.civicline.signaling.twilio.TwilioChannel;
import io.civicline.signaling.twilio.TwilioSettings;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio messaging webhooks: {@code POST /twilio/sms} (a resident's text; point each number's
 * "a message comes in" webhook here) and {@code POST /twilio/sms/<tenant>/status/<message>} (the
 * delivery reports of texts CivicLine sent). Each request's signature is checked first, exactly as
 * for voice: 403 before anything is read or stored.
 */
public final class SmsWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(SmsWebhooks.class);
  public static final String PREFIX = "/twilio/sms";
  static final int MAX_BODY = 64 * 1024;
  private static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final TwilioSettings twilio;
  private final SmsInbox inbox;
  private final SmsStore store;
  private final ThreadListener listener;
  private final Clock clock;

  public SmsWebhooks(
      TwilioSettings twilio, SmsInbox inbox, SmsStore store, ThreadListener listener, Clock clock) {
    this.twilio = twilio;
    this.inbox = inbox;
    this.store = store;
    this.listener = listener;
    this.clock = clock;
  }

  public void mount(Router router) {
    router
        .route(PREFIX + "/*")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(TwilioChannel.signatureCheck(twilio));
    router.post(PREFIX).handler(this::inbound);
    router.post(PREFIX + "/:tenant/status/:message").handler(this::status);
  }

  private void inbound(RoutingContext ctx) {
    // The text is stored (with any answer queued) before Twilio hears 200; answers are sent by
    // the outbox, paced, never as TwiML, so every text CivicLine sends is tracked the same way.
    inbox
        .receive(TwilioChannel.signedParams(ctx))
        .onSuccess(
            v -> ctx.response().putHeader("Content-Type", "application/xml").end(EMPTY_TWIML))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void status(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    String messageId = ctx.pathParam("message");
    if (Formats.slug(tenant) != null || !MESSAGE_ID.matcher(messageId).matches()) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    Map<String, String> p = TwilioChannel.signedParams(ctx);
    String status = p.getOrDefault("MessageStatus", p.getOrDefault("SmsStatus", ""));
    Future<Void> recorded =
        store
            .status(
                tenant,
                messageId,
                status,
                Optional.ofNullable(p.get("ErrorCode")).filter(code -> !code.isBlank()),
                Optional.empty(),
                Optional.ofNullable(p.get("MessageSid")),
                clock.instant())
            .compose(
                changed ->
                    changed
                        ? store.message(tenant, messageId)
                        : Future.succeededFuture(Optional.<SmsMessage>empty()))
            .map(
                message -> {
                  message.ifPresent(m -> notify(tenant, m));
                  return null;
                });
    recorded
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(failure -> fail(ctx, failure));
  }

  private void notify(String tenant, SmsMessage message) {
    try {
      listener.onStatus(tenant, message);
    } catch (RuntimeException e) {
      LOG.atError().setCause(e).log("thread listener failed");
    }
  }

  /** A 500 makes Twilio try the number's fallback URL; the cause goes to the log only. */
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
