package io.civicline.signaling.twilio;

import io.civicline.core.ports.GreetingAudio;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Serves a mailbox's uploaded greeting to Twilio on a signed, expiring URL: 403 for a forged,
 * altered or expired one, 404 when the greeting was replaced or removed meanwhile.
 */
final class GreetingAudioRoute implements Handler<RoutingContext> {
  private final MessageAudioUrls urls;
  private final GreetingAudio audio;
  private final Clock clock;

  GreetingAudioRoute(MessageAudioUrls urls, GreetingAudio audio, Clock clock) {
    this.urls = urls;
    this.audio = audio;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    String mailboxId = ctx.pathParam("mailbox");
    String language = ctx.pathParam("language");
    String sha = ctx.pathParam("sha");
    if (!urls.validGreeting(
        tenant,
        mailboxId,
        language,
        sha,
        ctx.request().getParam("exp"),
        ctx.request().getParam("sig"),
        clock.instant())) {
      MessageAudioRoute.refuse(ctx, "greeting");
      return;
    }
    int dash = mailboxId.indexOf('-');
    String mailbox =
        dash < 0 ? mailboxId : mailboxId.substring(0, dash) + ":" + mailboxId.substring(dash + 1);
    MessageAudioRoute.serve(ctx, audio.wav(tenant, mailbox, language, sha), "greeting");
  }
}
