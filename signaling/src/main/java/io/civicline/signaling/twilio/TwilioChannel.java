package io.civicline.signaling.twilio;

import io.civicline.core.ports.MailboxAccess;
import io.civicline.core.ports.MessageAudio;
import io.civicline.core.ports.RecordingSink;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.civicline.signaling.store.NumberDirectory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The Twilio voice channel, built from its parts: what the composition root needs of it. */
public final class TwilioChannel {
  private final VoiceWebhooks webhooks;
  private final CallbackCalls callbacks;

  private TwilioChannel(VoiceWebhooks webhooks, CallbackCalls callbacks) {
    this.webhooks = webhooks;
    this.callbacks = callbacks;
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
      MessageAudio messageAudio) {}

  public static TwilioChannel create(
      Vertx vertx, TwilioSettings settings, Parts parts, Clock clock) {
    TwilioRest rest = new TwilioRest(vertx, settings);
    StepCommitter committer = new StepCommitter(parts.sessions(), parts.records(), rest, clock);
    MessageAudioUrls audioUrls =
        new MessageAudioUrls(settings.publicBaseUrl(), settings.authToken().reveal());
    VoiceCalls calls =
        new VoiceCalls(
            parts.numbers(),
            parts.contexts(),
            parts.sessions(),
            committer,
            new MailboxCalls(parts.mailboxes(), audioUrls, clock),
            rest,
            clock,
            settings.publicBaseUrl());
    CallbackCalls callbacks =
        new CallbackCalls(
            parts.callbackQueue(), rest, parts.contexts(), clock, settings.publicBaseUrl());
    return new TwilioChannel(
        new VoiceWebhooks(
            settings,
            calls,
            callbacks,
            parts.recordings(),
            new MessageAudioRoute(audioUrls, parts.messageAudio(), clock),
            rest,
            clock),
        callbacks);
  }

  /** Mounts the webhooks under {@code /twilio/voice}. */
  public void mount(Router router) {
    webhooks.mount(router);
  }

  public CallbackCalls callbacks() {
    return callbacks;
  }
}
