package io.civicline.signaling.asterisk.calls;

import io.civicline.core.ports.RecordingSink;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.signaling.asterisk.agi.AgiReply;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voicemail on Asterisk: RECORD FILE into the shared spool, then the same ingest path as a Twilio
 * recording ({@link RecordingSink}), keyed by the call and the recording's number within it so a
 * repeat never makes a second message. The spool file is removed once the message is stored; a
 * caller who hangs up while speaking still leaves their message.
 */
final class AgiVoicemail {
  private static final Logger LOG = LoggerFactory.getLogger(AgiVoicemail.class);
  static final String DIR = "recordings";

  private final AsteriskSettings settings;
  private final RecordingSink sink;
  private final Clock clock;

  AgiVoicemail(AsteriskSettings settings, RecordingSink sink, Clock clock) {
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Records and ingests. The event to feed the engine: {@link CallEvent.RecordingDone} when there
   * is a message (even if the caller hung up while recording), else {@link CallEvent.Hangup}.
   */
  CallEvent record(
      AgiLine line,
      String tenant,
      String callId,
      String caller,
      String language,
      Action.Record record,
      int take)
      throws IOException {
    String name = DIR + "/" + tenant + "/" + callId + "-" + take;
    Path file = settings.spoolDir().resolve(name + ".wav");
    Files.createDirectories(file.getParent());
    AgiReply reply =
        line.record(settings.onAsterisk(name), record.maxSeconds(), settings.silenceSeconds());
    boolean hungUp = reply.resultInt().orElse(0) == -1 || line.hungUp();
    Optional<Integer> seconds = WavDuration.seconds(file);
    if (seconds.isEmpty() || seconds.get() == 0) {
      Files.deleteIfExists(file);
      return hungUp ? new CallEvent.Hangup() : new CallEvent.RecordingDone("", 0);
    }
    String source = "asterisk:" + callId + ":" + take;
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            tenant,
            record.mailbox(),
            callId,
            caller,
            source,
            seconds.get(),
            language,
            clock.instant());
    Blocking.await(sink.accept(recording, () -> read(file)));
    Files.deleteIfExists(file);
    LOG.atInfo()
        .addKeyValue("tenant", tenant)
        .addKeyValue("call", callId)
        .addKeyValue("seconds", seconds.get())
        .log("voicemail recorded on Asterisk");
    return new CallEvent.RecordingDone(source, seconds.get());
  }

  private static Future<byte[]> read(Path file) {
    try {
      return Future.succeededFuture(Files.readAllBytes(file));
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }
}
