package io.civicline.signaling.twilio;

import io.civicline.core.ports.MessageAudio;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a voicemail message's WAV to Twilio on a signed, expiring URL ({@link MessageAudioUrls}):
 * 403 for a forged, altered or expired one, 404 for a message that is gone, 500 (logged) when the
 * stored audio fails its checksum.
 */
final class MessageAudioRoute implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(MessageAudioRoute.class);

  private final MessageAudioUrls urls;
  private final MessageAudio audio;
  private final Clock clock;

  MessageAudioRoute(MessageAudioUrls urls, MessageAudio audio, Clock clock) {
    this.urls = urls;
    this.audio = audio;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    String id = ctx.pathParam("id");
    if (!urls.valid(
        tenant,
        id,
        ctx.request().getParam("exp"),
        ctx.request().getParam("sig"),
        clock.instant())) {
      refuse(ctx, "message audio");
      return;
    }
    serve(ctx, audio.wav(tenant, id), "message");
  }

  /** 403 for a request whose signed URL is forged, altered or expired (logged, nothing served). */
  static void refuse(RoutingContext ctx, String what) {
    LOG.atWarn()
        .addKeyValue("path", ctx.request().path())
        .log("refused a " + what + " request without a valid signature");
    ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain").end("forbidden");
  }

  /** Answers with the WAV, 404 when there is none, 500 (logged) when it cannot be read. */
  static void serve(
      RoutingContext ctx, io.vertx.core.Future<java.util.Optional<byte[]>> reading, String what) {
    reading
        .onSuccess(
            wav -> {
              if (wav.isEmpty()) {
                ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "text/plain")
                    .end("not found");
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "audio/wav")
                  .putHeader("Cache-Control", "private, no-store")
                  .end(Buffer.buffer(wav.get()));
            })
        .onFailure(
            failure -> {
              LOG.atError()
                  .addKeyValue("path", ctx.request().path())
                  .setCause(failure)
                  .log("could not serve a " + what + "'s audio");
              if (!ctx.response().ended()) {
                ctx.response()
                    .setStatusCode(500)
                    .putHeader("Content-Type", "text/plain")
                    .end("internal error");
              }
            });
  }
}
