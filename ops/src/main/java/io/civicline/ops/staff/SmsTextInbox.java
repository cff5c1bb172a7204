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
        .map(list -> list.stream().map(SmsMessage::toJson).toList());
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
