package io.civicline.mobileapi.push;

import io.civicline.core.events.StaffEvent;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Which staff events become pushes, and how they read. Only what needs a person now: a call ringing
 * for them (and, replacing it, that it was taken or missed), a new voicemail, a resident's text.
 * Bodies name the caller's number and nothing of a message's content: pushes pass through Google's
 * and Apple's servers, and the app fetches the content itself once opened.
 */
public final class PushMessages {
  private PushMessages() {}

  public static Optional<PushMessage> forEvent(StaffEvent event) {
    JsonObject data = event.data();
    return switch (event.type()) {
      case "call.ringing" -> {
        String callId = data.getString("callId", "");
        yield Optional.of(
            new PushMessage(
                "Incoming call",
                data.getString("from", "Unknown caller"),
                new JsonObject().put("type", event.type()).put("callId", callId),
                Optional.of("call-" + callId)));
      }
      case "call.ringing-ended" -> {
        // Replaces the "Incoming call" notification (same collapse key): a phone that rang while
        // the app was closed must not keep showing a call someone else took.
        String reason = data.getString("reason", "");
        if (reason.equals("answered")) {
          yield Optional.empty(); // they took it; their phone knows
        }
        String callId = data.getString("callId", "");
        yield Optional.of(
            new PushMessage(
                reason.equals("answered-elsewhere") ? "Answered by a colleague" : "Missed call",
                "From " + data.getString("from", "an unknown caller"),
                new JsonObject()
                    .put("type", event.type())
                    .put("callId", callId)
                    .put("reason", reason),
                Optional.of("call-" + callId)));
      }
      case "inbox.assigned" -> {
        String kind = data.getString("kind", "");
        yield Optional.of(
            new PushMessage(
                kind.equals("voicemail") ? "Voicemail assigned to you" : "Text assigned to you",
                "From " + data.getString("from", "a resident"),
                new JsonObject()
                    .put("type", event.type())
                    .put("kind", kind)
                    .put("id", data.getString("id", "")),
                Optional.of("inbox-" + data.getString("id", ""))));
      }
      case "voicemail.new" -> {
        String messageId = data.getString("messageId", "");
        yield Optional.of(
            new PushMessage(
                "New voicemail",
                "From " + data.getString("from", "an unknown caller"),
                new JsonObject()
                    .put("type", event.type())
                    .put("messageId", messageId)
                    .put("mailbox", data.getString("mailbox", "")),
                Optional.of("voicemail-" + messageId)));
      }
      case "text.new" -> {
        JsonObject thread = data.getJsonObject("thread", new JsonObject());
        String threadId = thread.getString("id", "");
        yield Optional.of(
            new PushMessage(
                "New text",
                "From " + thread.getString("resident", "a resident"),
                new JsonObject().put("type", event.type()).put("threadId", threadId),
                // one notification per conversation, updated by each new text
                Optional.of("text-" + threadId)));
      }
      default -> Optional.empty();
    };
  }
}
