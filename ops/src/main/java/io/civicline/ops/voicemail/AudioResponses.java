package io.civicline.ops.voicemail;

import io.civicline.core.http.ByteRange;
import io.civicline.core.http.Problem;
import io.civicline.ops.http.Problems;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Serves stored WAV audio (messages, greetings) with an ETag, {@code If-Range} and a single byte
 * range, so the console's audio player and mobile apps can seek.
 */
final class AudioResponses {
  private AudioResponses() {}

  static String etag(String sha256) {
    return "\"" + sha256 + "\"";
  }

  /**
   * The range the request asks for, honouring {@code If-Range}; empty for the whole file.
   *
   * @throws ByteRange.Unsatisfiable when no requested byte exists (answer with {@link #refuse})
   */
  static Optional<ByteRange> requestedRange(RoutingContext ctx, String etag, int length) {
    String ifRange = ctx.request().getHeader("If-Range");
    String rangeHeader =
        ifRange == null || ifRange.strip().equals(etag) ? ctx.request().getHeader("Range") : null;
    return ByteRange.parse(rangeHeader, length);
  }

  /**
   * Answers 416 for a range outside the audio.
   *
   * @param what how the answer names the audio, e.g. "the greeting"
   */
  static void refuse(RoutingContext ctx, int length, String what) {
    ctx.response().putHeader("Content-Range", "bytes */" + length);
    ctx.response().putHeader("Accept-Ranges", "bytes");
    Problems.send(
        ctx,
        new Problem(
            416,
            "range-not-satisfiable",
            "Range not satisfiable",
            what + " has " + length + " bytes; ask for a range within them"));
  }

  /** Sends the whole audio (200) or the range (206). */
  static void send(
      RoutingContext ctx,
      String etag,
      String cacheControl,
      byte[] audio,
      Optional<ByteRange> range) {
    var response =
        ctx.response()
            .putHeader("Content-Type", "audio/wav")
            .putHeader("ETag", etag)
            .putHeader("Accept-Ranges", "bytes")
            .putHeader("Cache-Control", cacheControl);
    if (range.isEmpty()) {
      response.setStatusCode(200).end(Buffer.buffer(audio));
    } else {
      ByteRange r = range.get();
      response
          .setStatusCode(206)
          .putHeader("Content-Range", r.contentRange(audio.length))
          .end(Buffer.buffer(audio).slice((int) r.first(), (int) r.last() + 1));
    }
  }
}
