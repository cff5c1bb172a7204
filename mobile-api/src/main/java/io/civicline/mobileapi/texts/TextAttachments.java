package io.civicline.mobileapi.texts;

import io.vertx.core.Future;
import java.util.Optional;

/** The attachments residents sent with their texts (MMS), as the texting channel kept them. */
public interface TextAttachments {
  /** One kept attachment: its content type as sent, and its bytes (checksum verified). */
  record Attachment(String contentType, byte[] content) {}

  /** The attachment {@code mediaId} of a message of the thread; empty when it has none such. */
  Future<Optional<Attachment>> attachment(String tenant, String threadId, String mediaId);

  /** No texting channel: no attachments. */
  TextAttachments NONE = (tenant, threadId, mediaId) -> Future.succeededFuture(Optional.empty());
}
