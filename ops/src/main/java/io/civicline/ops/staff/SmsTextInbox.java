package io.civicline.ops.staff;

import io.civicline.mobileapi.texts.TextInbox;
import io.civicline.signaling.sms.OptedOutException;
import io.civicline.signaling.sms.SmsMessage;
import io.civicline.signaling.sms.SmsService;
import io.civicline.signaling.sms.SmsThread;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The staff API's text inbox served by the texting channel. */
public final class SmsTextInbox implements TextInbox {
  private final SmsService texts;

  public SmsTextInbox(SmsService texts) {
    this.texts = texts;
  }

  @Override
  public Future<List<JsonObject>> threads(String tenant, String department, int offset, int limit) {
    return texts
        .threads(tenant, department, offset, limit)
        .map(list -> list.stream().map(SmsThread::toJson).toList());
  }

  @Override
  public Future<Optional<JsonObject>> thread(String tenant, String threadId) {
    return texts.thread(tenant, threadId).map(found -> found.map(SmsThread::toJson));
  }

  @Override
  public Future<List<JsonObject>> messages(String tenant, String threadId, int limit) {
    return texts
        .messages(tenant, threadId, limit)
        .map(list -> list.stream().map(SmsTextInbox::forStaff).toList());
  }

  /**
   * A message as the app sees it: each attachment by its media id, type and size, to download from
   * the staff API; where it is stored stays internal.
   */
  static JsonObject forStaff(SmsMessage message) {
    JsonObject json = message.toJson();
    io.vertx.core.json.JsonArray media = new io.vertx.core.json.JsonArray();
    for (Object item : message.media()) {
      if (item instanceof JsonObject ref) {
        JsonObject shown = new JsonObject().put("id", ref.getString("sid"));
        shown.put("contentType", ref.getString("contentType"));
        if (ref.containsKey("key")) {
          shown.put("bytes", ref.getLong("bytes")).put("sha256", ref.getString("sha256"));
        } else {
          shown.put("error", ref.getString("error", "not kept"));
        }
        media.add(shown);
      }
    }
    return json.put("media", media);
  }

  @Override
  public Future<JsonObject> reply(
      String tenant, String threadId, String body, String staffId, Optional<String> key) {
    return texts
        .reply(tenant, threadId, body, staffId, key)
        .map(SmsMessage::toJson)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof OptedOutException
                        ? new TextInbox.OptedOut(failure.getMessage())
                        : failure));
  }
}
