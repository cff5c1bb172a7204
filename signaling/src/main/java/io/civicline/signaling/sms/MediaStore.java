package io.civicline.signaling.sms;

import io.vertx.core.Future;

/** Where MMS attachments are kept, like recordings: written durably, checked on every read. */
public interface MediaStore {
  /** What was kept: the key to read it back, its SHA-256 and size. */
  record StoredMedia(String key, String sha256, long bytes) {}

  /**
   * @param name unique within the town: lowercase letters, digits and dashes
   */
  Future<StoredMedia> put(String tenant, String name, byte[] content);

  /** The content, failing if it no longer matches {@code sha256}. */
  Future<byte[]> read(String key, String sha256);
}
