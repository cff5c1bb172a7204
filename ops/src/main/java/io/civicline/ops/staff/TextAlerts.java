package io.civicline.ops.staff;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.signaling.sms.SmsMessage;
import io.civicline.signaling.sms.SmsThread;
import io.civicline.signaling.sms.ThreadListener;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texting as staff apps see it: a resident's new text goes to the department's staff ({@code
 * text.new}), and the delivery status of replies to the department too ({@code text.status}).
 */
public final class TextAlerts implements ThreadListener {
  private static final Logger LOG = LoggerFactory.getLogger(TextAlerts.class);

  private final StaffEvents events;

  public TextAlerts(StaffEvents events) {
    this.events = events;
  }

  @Override
  public void onInbound(String tenant, String department, SmsThread thread, SmsMessage message) {
    publish(
        tenant,
        department,
        "text.new",
        new JsonObject().put("thread", thread.toJson()).put("message", message.toJson()));
  }

  @Override
  public void onStatus(String tenant, SmsMessage message) {
    String department = message.threadId().substring(0, message.threadId().indexOf('.'));
    publish(tenant, department, "text.status", new JsonObject().put("message", message.toJson()));
  }

  private void publish(String tenant, String department, String type, JsonObject data) {
    events
        .publish(
            tenant,
            new StaffEvent(type, StaffEvent.Audience.toDepartments(Set.of(department)), data))
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", tenant)
                    .addKeyValue("type", type)
                    .setCause(failure)
                    .log("could not tell staff apps about a text"));
  }
}
