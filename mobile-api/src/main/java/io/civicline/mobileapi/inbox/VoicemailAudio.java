package io.civicline.mobileapi.inbox;

import io.civicline.core.store.Actor;
import io.vertx.core.Future;
import java.util.Optional;

/** A voicemail's recording for staff to play in the app. */
public interface VoicemailAudio {
  /**
   * The message's WAV, checked against its checksum; the play is audited as {@code actor}'s and a
   * new message becomes heard. Empty when there is no such message.
   */
  Future<Optional<byte[]>> play(String tenant, String messageId, Actor actor);

  /** No voicemail: nothing to play. */
  VoicemailAudio NONE = (tenant, messageId, actor) -> Future.succeededFuture(Optional.empty());
}
