package io.civicline.signaling.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.Map;

/**
 * Keeps the attachments of an inbound MMS before the text is stored, answering what the message
 * records about each ({@code {sid, contentType, bytes, sha256, key}}, or {@code {sid, error}}). It
 * never fails: a text is always kept, even when an attachment cannot be.
 */
public interface MediaIntake {
  /** Keeps nothing: each attachment is recorded as not kept. */
  MediaIntake NONE =
      (tenant, messageSid, params) -> Future.succeededFuture(MediaItems.notKept(params));

  Future<JsonArray> keep(String tenant, String messageSid, Map<String, String> params);
}
