package io.civicline.voicemail.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where voicemail audio lives. A recording is written completely and durably or not at all, and
 * every read verifies the SHA-256 recorded at write time, so a damaged file is noticed rather than
 * played. Beside the audio a small JSON sidecar describes the message, so a recording whose
 * metadata never reached Redis can be recovered.
 */
public interface RecordingStore {

  /** What was stored: the key to read it by, its checksum and size. */
  record StoredRecording(String key, String sha256, long bytes) {}

  /** Stores audio and its sidecar for {@code messageId}; durable when the future succeeds. */
  Future<StoredRecording> put(String tenant, String messageId, byte[] audio, String sidecarJson);

  /** The audio, verified against {@code sha256}; fails with {@link CorruptRecordingException}. */
  Future<byte[]> read(String key, String sha256);

  /** The sidecar of a message, if its recording is stored. */
  Future<Optional<String>> sidecar(String tenant, String messageId);

  /** Message ids with stored audio, for reconciliation. */
  Future<List<String>> messageIds(String tenant);

  Future<Void> delete(String tenant, String messageId);

  /** The key, checksum and size of a stored recording, computed from the file. */
  Future<StoredRecording> checksum(String tenant, String messageId);

  /** A stored file no longer matches its checksum. */
  final class CorruptRecordingException extends RuntimeException {
    public CorruptRecordingException(String key) {
      super("recording " + key + " does not match its checksum", null, false, false);
    }
  }
}
