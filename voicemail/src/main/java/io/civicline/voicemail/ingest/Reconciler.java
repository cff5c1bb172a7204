package io.civicline.voicemail.ingest;

import io.civicline.core.store.Actor;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds recordings whose message was never recorded (the store succeeded, Redis did not) and
 * records them from their sidecar, so a crash between the two loses nothing. Safe to run any time,
 * on any node: recording a message is idempotent per source.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  static final Actor ACTOR = new Actor("system:voicemail-reconciler", "Voicemail reconciler");

  private final RecordingStore recordings;
  private final MessageStore messages;

  public Reconciler(RecordingStore recordings, MessageStore messages) {
    this.recordings = recordings;
    this.messages = messages;
  }

  /** The ids of messages it recovered. */
  public Future<List<String>> reconcile(String tenant) {
    return recordings
        .messageIds(tenant)
        .compose(
            ids -> {
              List<String> recovered = new ArrayList<>();
              Future<Void> chain = Future.succeededFuture();
              for (String id : ids) {
                chain = chain.compose(v -> recoverIfMissing(tenant, id, recovered));
              }
              return chain.map(v -> List.copyOf(recovered));
            });
  }

  private Future<Void> recoverIfMissing(String tenant, String id, List<String> recovered) {
    return messages
        .get(tenant, id)
        .compose(
            found -> {
              if (found.isPresent()) {
                return Future.succeededFuture();
              }
              return recordings
                  .sidecar(tenant, id)
                  .compose(
                      sidecar -> {
                        if (sidecar.isEmpty()) {
                          LOG.atWarn()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("message", id)
                              .log("recording without a sidecar");
                          return Future.succeededFuture();
                        }
                        VoicemailMessage draft =
                            VoicemailMessage.fromJson(new JsonObject(sidecar.get()));
                        return messages
                            .messageFor(tenant, draft.source())
                            .compose(
                                known ->
                                    known.isPresent()
                                        ? Future.succeededFuture(false)
                                        : recordAgain(tenant, draft))
                            .map(
                                created -> {
                                  if (created) {
                                    recovered.add(id);
                                  }
                                  return null;
                                });
                      });
            });
  }

  /** The sidecar was written before the audio's checksum was known: complete it from the file. */
  private Future<Boolean> recordAgain(String tenant, VoicemailMessage draft) {
    return recordings
        .checksum(tenant, draft.id())
        .compose(
            stored -> {
              VoicemailMessage complete =
                  draft.with(
                      c -> {
                        c.recordingKey = stored.key();
                        c.sha256 = stored.sha256();
                        c.bytes = stored.bytes();
                      });
              return messages.create(tenant, complete, ACTOR);
            });
  }
}
