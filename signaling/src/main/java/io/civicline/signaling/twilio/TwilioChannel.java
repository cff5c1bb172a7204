package io.civicline.signaling.twilio;

import io.civicline.core.ports.GreetingAudio;
import io.civicline.core.ports.MailboxAccess;
import io.civicline.core.ports.MessageAudio;
import io.civicline.core.ports.RecordingSink;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.mailbox.PhoneMailboxes;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.civicline.signaling.store.NumberDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The Twilio voice channel, built from its parts: what the composition root needs of it. */
public final class TwilioChannel {
  private final GreetingAudioRoute greetings;
  private final VoiceWebhooks webhooks;
  private final CallbackCalls callbacks;
  private final TwilioRest rest;
  private final ClickToCallCalls clickToCall;
  private final java.util.Optional<VoiceAccessTokens> voiceTokens;

  private TwilioChannel(
      GreetingAudioRoute greetings,
      VoiceWebhooks webhooks,
      CallbackCalls callbacks,
      TwilioRest rest,
      ClickToCallCalls clickToCall,
      java.util.Optional<VoiceAccessTokens> voiceTokens) {
    this.greetings = greetings;
    this.webhooks = webhooks;
    this.callbacks = callbacks;
    this.rest = rest;
    this.clickToCall = clickToCall;
    this.voiceTokens = voiceTokens;
  }

  /** The services a Twilio channel uses, shared with the rest of the server. */
  public record Parts(
      NumberDirectory numbers,
      CallContextLoader contexts,
      CallSessions sessions,
      CallRecords records,
      CallbackQueue callbackQueue,
      RecordingSink recordings,
      MailboxAccess mailboxes,
      MessageAudio messageAudio,
      GreetingAudio greetingAudio,
      io.civicline.core.events.StaffEvents staffEvents,
      io.civicline.core.presence.OnCallPresence onCall) {}

  public static TwilioChannel create(
      Vertx vertx, TwilioSettings settings, Parts parts, Clock clock) {
    TwilioRest rest = new TwilioRest(vertx, settings);
    MessageAudioUrls audioUrls =
        new MessageAudioUrls(settings.publicBaseUrl(), settings.authToken().reveal());
    StepCommitter committer =
        new StepCommitter(
            parts.sessions(),
            parts.records(),
            rest,
            audioUrls,
            new io.civicline.signaling.store.CallAlerts(parts.staffEvents(), parts.onCall()),
            clock);
    VoiceCalls calls =
        new VoiceCalls(
            parts.numbers(),
            parts.contexts(),
            parts.sessions(),
            committer,
            new PhoneMailboxes(parts.mailboxes(), clock),
            (tenant, messageId, now) ->
                Future.succeededFuture(audioUrls.url(tenant, messageId, now)),
            rest,
            clock,
            settings.publicBaseUrl());
    CallbackCalls callbacks =
        new CallbackCalls(
            parts.callbackQueue(), rest, parts.contexts(), clock, settings.publicBaseUrl());
    GreetingAudioRoute greetings = new GreetingAudioRoute(audioUrls, parts.greetingAudio(), clock);
    ClickToCallCalls clickToCall =
        new ClickToCallCalls(
            rest, settings.publicBaseUrl(), parts.records(), parts.onCall(), clock);
    return new TwilioChannel(
        greetings,
        new VoiceWebhooks(
            settings,
            calls,
            callbacks,
            parts.recordings(),
            new MessageAudioRoute(audioUrls, parts.messageAudio(), clock),
            new LegStatus(parts.onCall()),
            clickToCall,
            rest,
            clock),
        callbacks,
        rest,
        clickToCall,
        settings.voiceSdk().map(sdk -> new VoiceAccessTokens(settings.accountSid(), sdk)));
  }

  /** Mounts the webhooks under {@code /twilio/voice}. */
  public void mount(Router router) {
    // Fetched by Twilio with a plain GET and a signed URL instead of a Twilio signature: mounted
    // before the webhooks' signature check.
    router.get(MessageAudioUrls.greetingRoute()).handler(greetings);
    webhooks.mount(router);
  }

  /** Sends a text through Twilio, e.g. for a flow running on another voice channel. */
  public Future<String> sendSms(String from, String to, String body) {
    return rest.sendSms(from, to, body);
  }

  /**
   * The check every Twilio webhook passes first (403 before anything else otherwise), for webhooks
   * mounted outside this channel, e.g. texts. Put a {@code BodyHandler} before it.
   */
  public static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> signatureCheck(
      TwilioSettings settings) {
    return new TwilioSignatureCheck(settings);
  }

  /** The form parameters of a webhook that passed {@link #signatureCheck}. */
  public static java.util.Map<String, String> signedParams(io.vertx.ext.web.RoutingContext ctx) {
    return TwilioSignatureCheck.params(ctx);
  }

  public CallbackCalls callbacks() {
    return callbacks;
  }

  /** Click-to-call from the staff app through Twilio REST. */
  public ClickToCallCalls clickToCall() {
    return clickToCall;
  }

  /** Voice SDK access tokens for staff apps, when an API key is configured. */
  public java.util.Optional<VoiceAccessTokens> voiceTokens() {
    return voiceTokens;
  }
}
