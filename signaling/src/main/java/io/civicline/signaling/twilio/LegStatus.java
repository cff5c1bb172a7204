package io.civicline.signaling.twilio;

import io.civicline.core.presence.OnCallPresence;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Status callbacks of a dialled staff member's leg: answered means they are now on the call,
 * completed (or any other end) that they are off it. Twilio learns of the answer long before the
 * Dial's own action, which comes only once the conversation is over.
 */
final class LegStatus {
  static final String KIND = "leg";

  private final OnCallPresence onCall;

  LegStatus(OnCallPresence onCall) {
    this.onCall = onCall;
  }

  /** The callback URL of {@code staffId}'s leg of this call. */
  static String url(CallUrls urls, String staffId) {
    return urls.event(KIND) + "?staff=" + URLEncoder.encode(staffId, StandardCharsets.UTF_8);
  }

  /** {@code callSid} is the resident's call (the parent), whose leg to {@code staffId} this is. */
  Future<Void> report(String tenant, String callSid, String staffId, Map<String, String> params) {
    if (staffId.isEmpty()) {
      return Future.succeededFuture();
    }
    return switch (params.getOrDefault("CallStatus", "")) {
      case "in-progress", "answered" -> onCall.started(tenant, staffId, callSid);
      case "ringing", "queued", "initiated" -> Future.succeededFuture();
      default -> onCall.ended(tenant, staffId, callSid);
    };
  }
}
