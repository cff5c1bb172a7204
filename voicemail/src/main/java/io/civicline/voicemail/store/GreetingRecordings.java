package io.civicline.voicemail.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Mailbox greeting recordings, in a {@link FileRecordingStore} of their own (so reconciliation and
 * orphan sweeps of messages never see them). Each recording is named by its mailbox, language and
 * checksum, so an upload never overwrites the file the mailbox settings still point to: the new
 * file is written, the settings switched to it, and only then the old one removed. A failure in
 * between leaves at worst an unreferenced file, never settings whose checksum no longer matches.
 * The sidecar says whose greeting a file is.
 */
public final class GreetingRecordings {
  private final FileRecordingStore files;

  public GreetingRecordings(FileRecordingStore files) {
    this.files = files;
  }

  /** The file id: {@code greeting-} and 32 hex digits, a safe name of bounded length. */
  static String fileId(String mailboxId, String language, String sha256) {
    String name = mailboxId + "\n" + language + "\n" + sha256;
    return "greeting-"
        + FileRecordingStore.sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  /** Stores a normalized greeting durably; its checksum is what the settings record. */
  public Future<RecordingStore.StoredRecording> put(
      String tenant, String mailboxId, String language, byte[] wav, Instant uploadedAt) {
    String sha256 = FileRecordingStore.sha256(wav);
    JsonObject sidecar =
        new JsonObject()
            .put("kind", "greeting")
            .put("tenant", tenant)
            .put("mailbox", mailboxId)
            .put("language", language)
            .put("sha256", sha256)
            .put("uploadedAt", uploadedAt.toString());
    return files.put(tenant, fileId(mailboxId, language, sha256), wav, sidecar.encode());
  }

  /** The greeting's bytes, verified against {@code sha256}. */
  public Future<byte[]> read(String tenant, String mailboxId, String language, String sha256) {
    return files.read(FileRecordingStore.key(tenant, fileId(mailboxId, language, sha256)), sha256);
  }

  public Future<Void> delete(String tenant, String mailboxId, String language, String sha256) {
    return files.delete(tenant, fileId(mailboxId, language, sha256));
  }
}
