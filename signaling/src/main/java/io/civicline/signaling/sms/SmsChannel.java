package io.civicline.signaling.sms;

import io.civicline.core.store.DocumentStore;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.store.NumberDirectory;
import io.civicline.signaling.twilio.TwilioRest;
import io.civicline.signaling.twilio.TwilioSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;

/**
 * Two-way texting over Twilio, built from its parts: the webhooks to mount, the sender to start,
 * and the service the staff API calls.
 *
 * <pre>{@code
 * SmsChannel sms = SmsChannel.create(vertx, redis, twilioSettings,
 *     SmsSettings.defaults(twilioSettings.publicBaseUrl()),
 *     new SmsChannel.Parts(numbers, contexts, documents, media, listener), clock);
 * sms.mount(router);   // before any catch-all route
 * sms.start();         // the outbox sender; sms.stop() on shutdown
 * sms.service().reply(tenant, threadId, body, staffId, Optional.empty());
 * }</pre>
 */
public final class SmsChannel {
  private final SmsWebhooks webhooks;
  private final SmsSender sender;
  private final SmsService service;
  private final SmsStore store;

  private SmsChannel(SmsWebhooks webhooks, SmsSender sender, SmsService service, SmsStore store) {
    this.webhooks = webhooks;
    this.sender = sender;
    this.service = service;
    this.store = store;
  }

  /**
   * What texting shares with the rest of the server.
   *
   * @param media keeps MMS attachments; {@link MediaIntake#NONE} records them as not kept
   * @param listener hears new texts and status changes (WebSocket/push fan-out)
   */
  public record Parts(
      NumberDirectory numbers,
      CallContextLoader contexts,
      DocumentStore documents,
      MediaIntake media,
      ThreadListener listener) {}

  public static SmsChannel create(
      Vertx vertx,
      Redis redis,
      TwilioSettings twilio,
      SmsSettings settings,
      Parts parts,
      Clock clock) {
    TwilioRest rest = new TwilioRest(vertx, twilio);
    return create(vertx, redis, twilio, settings, parts, rest::sendSms, clock);
  }

  /** With another carrier transport (tests record what is sent and when). */
  public static SmsChannel create(
      Vertx vertx,
      Redis redis,
      TwilioSettings twilio,
      SmsSettings settings,
      Parts parts,
      SmsTransport transport,
      Clock clock) {
    SmsStore store = new SmsStore(redis);
    SmsOutbox outbox = new SmsOutbox(redis, settings.pacePerNumber(), settings.sendLease());
    SmsInbox inbox =
        new SmsInbox(
            parts.numbers(),
            parts.contexts(),
            new SmsRulesSource(parts.documents()),
            store,
            parts.media(),
            parts.listener(),
            settings,
            clock);
    SmsSender sender =
        new SmsSender(vertx, outbox, store, transport, parts.listener(), settings, clock);
    return new SmsChannel(
        new SmsWebhooks(twilio, inbox, store, parts.listener(), clock),
        sender,
        new SmsService(store, clock),
        store);
  }

  /** Mounts the webhooks under {@code /twilio/sms}. */
  public void mount(Router router) {
    webhooks.mount(router);
  }

  /** Starts sending queued texts (every node may run a sender). */
  public void start() {
    sender.start();
  }

  public void stop() {
    sender.stop();
  }

  public SmsService service() {
    return service;
  }

  /** The sender, to drain the queue by hand (tests, an admin "send now"). */
  public SmsSender sender() {
    return sender;
  }

  public SmsStore store() {
    return store;
  }
}
