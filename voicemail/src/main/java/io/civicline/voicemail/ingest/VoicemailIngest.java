package io.civicline.voicemail.ingest;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.ports.RecordingSink;
import io.civicline.core.store.Actor;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a recording into a mailbox so that it is never lost and never doubled: skip it if its
 * source was ingested before; fetch and check the audio; store it durably with a sidecar; then
 * record the message. Only when all of that succeeded does the channel acknowledge the carrier, so
 * any failure leads to a retry. The message id comes from the source, so a retry after a crash
 * between storing and recording rewrites the same file and records the message once.
 */
public final class VoicemailIngest implements RecordingSink {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailIngest.class);
  static final Actor ACTOR = new Actor("system:voicemail-ingest", "Voicemail ingest");

  private final RecordingStore recordings;
  private final MessageStore messages;
  private final AudioCheck check;
  private final StaffEvents events;

  public VoicemailIngest(RecordingStore recordings, MessageStore messages, AudioCheck check) {
    this(recordings, messages, check, StaffEvents.NONE);
  }

  /** {@code events} tells staff apps of each new message (best effort, after it is stored). */
  public VoicemailIngest(
      RecordingStore recordings, MessageStore messages, AudioCheck check, StaffEvents events) {
    this.recordings = recordings;
    this.messages = messages;
    this.check = check;
    this.events = events;
  }

  /** What the ingest did: the message id, and whether it is new or was there before. */
  public record Outcome(String messageId, boolean created) {}

  @Override
  public Future<Void> accept(Recording recording, AudioSource audio) {
    return ingest(recording, audio).mapEmpty();
  }

  public Future<Outcome> ingest(Recording incoming, AudioSource fetcher) {
    String id = messageId(incoming.source());
    return messages
        .messageFor(incoming.tenant(), incoming.source())
        .compose(
            existing -> {
              if (existing.isPresent()) {
                return Future.succeededFuture(new Outcome(existing.get(), false));
              }
              return fetcher
                  .fetch()
                  .compose(audio -> store(incoming, id, audio))
                  .compose(message -> messages.create(incoming.tenant(), message, ACTOR))
                  .map(created -> new Outcome(id, created))
                  .onSuccess(
                      outcome -> {
                        LOG.atInfo()
                            .addKeyValue("tenant", incoming.tenant())
                            .addKeyValue("mailbox", incoming.mailbox())
                            .addKeyValue("message", id)
                            .log("voicemail received");
                        if (outcome.created()) {
                          announce(incoming, id);
                        }
                      });
            });
  }

  /** {@code voicemail.new} to the mailbox's department or staff member. */
  private void announce(Recording incoming, String id) {
    String mailbox = incoming.mailbox();
    String owner = mailbox.substring(mailbox.indexOf(':') + 1);
    StaffEvent.Audience audience =
        mailbox.startsWith("staff:")
            ? StaffEvent.Audience.toStaff(java.util.Set.of(owner))
            : StaffEvent.Audience.toDepartments(java.util.Set.of(owner));
    JsonObject data =
        new JsonObject()
            .put("messageId", id)
            .put("mailbox", mailbox)
            .put("from", incoming.from())
            .put("seconds", incoming.seconds())
            .put("callId", incoming.callId());
    events
        .publish(incoming.tenant(), new StaffEvent("voicemail.new", audience, data))
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", incoming.tenant())
                    .setCause(failure)
                    .log("could not tell staff apps of a new voicemail"));
  }

  private Future<VoicemailMessage> store(Recording incoming, String id, byte[] audio) {
    int seconds = check.verify(audio, incoming.seconds());
    VoicemailMessage draft = message(incoming, id, seconds, "", "", audio.length);
    return recordings
        .put(incoming.tenant(), id, audio, draft.toJson().encode())
        .map(
            stored ->
                message(incoming, id, seconds, stored.key(), stored.sha256(), stored.bytes()));
  }

  /** Rebuilds a message from the sidecar stored beside its audio (used by the reconciler). */
  static VoicemailMessage message(
      Recording in, String id, int seconds, String key, String sha256, long bytes) {
    return new VoicemailMessage(
        id,
        in.mailbox(),
        in.callId(),
        in.from(),
        in.receivedAt(),
        seconds,
        in.language(),
        key,
        sha256,
        bytes,
        in.source(),
        VoicemailMessage.Status.NEW,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        1);
  }

  /** A stable id per source: {@code vm-} and 24 hex digits of its SHA-256. */
  public static String messageId(String source) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return "vm-" + HexFormat.of().formatHex(hash).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
