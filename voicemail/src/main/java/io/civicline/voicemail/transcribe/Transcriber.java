package io.civicline.voicemail.transcribe;

import io.civicline.voicemail.message.VoicemailMessage;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Turns a message's audio into text, for notifications and the staff list. Called after the message
 * is stored and outside the carrier's request, so a slow or failing transcriber can delay a
 * notification a little but never the message.
 */
public interface Transcriber {
  Future<Optional<String>> transcribe(VoicemailMessage message, byte[] audio);

  /** The default: no transcription service configured. */
  Transcriber NONE = (message, audio) -> Future.succeededFuture(Optional.empty());
}
