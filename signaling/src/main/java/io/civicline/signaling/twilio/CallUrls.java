package io.civicline.signaling.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The webhook URLs of one call, as Twilio must request them: on the public base URL, naming the
 * tenant and the call so any node can serve them.
 */
record CallUrls(String publicBase, String tenant, String callSid) {
  static final String PREFIX = "/twilio/voice";

  String event(String kind) {
    return publicBase + PREFIX + "/" + tenant + "/calls/" + callSid + "/" + kind;
  }

  String recording(String mailbox) {
    return event("recording") + "?mailbox=" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8);
  }

  /** Queue names are per Twilio account, so they carry the tenant. */
  String queueName(String queue) {
    return tenant + "." + queue;
  }
}
