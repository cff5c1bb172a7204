package io.civicline.signaling.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import io.civicline.core.validation.Formats;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Click-to-call on Twilio: a REST call rings the staff member first (their app as {@code
 * client:<staff id>}, or their mobile, showing the department's number); once they answer, the
 * webhook's TwiML dials the resident with the department's number as caller id. The resident and
 * caller id travel in the webhook URL, which Twilio signs, so nobody can redirect the second leg.
 */
public final class ClickToCallCalls {
  static final int RING_SECONDS = 45;

  private final TwilioRest rest;
  private final String publicBase;

  public ClickToCallCalls(TwilioRest rest, String publicBase) {
    this.rest = rest;
    this.publicBase = publicBase;
  }

  /**
   * Rings {@code staffLeg} ({@code client:<id>} or a mobile number) from {@code callerId}, then
   * connects to {@code resident}; answers the Twilio call sid.
   */
  public Future<String> place(String tenant, String staffLeg, String resident, String callerId) {
    String url =
        publicBase
            + CallUrls.PREFIX
            + "/"
            + tenant
            + "/click-to-call?to="
            + URLEncoder.encode(resident, StandardCharsets.UTF_8)
            + "&callerId="
            + URLEncoder.encode(callerId, StandardCharsets.UTF_8);
    return rest.placeCall(callerId, staffLeg, url, publicBase + CallUrls.PREFIX + "/status");
  }

  /** The staff member answered: connect them to the resident (TwiML). */
  static String connect(String resident, String callerId) {
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    if (resident == null
        || callerId == null
        || Formats.e164(resident) != null
        || Formats.e164(callerId) != null) {
      return response.hangup(new Hangup.Builder().build()).build().toXml();
    }
    response.say(new Say.Builder("Connecting your call.").build());
    response.dial(
        new Dial.Builder()
            .callerId(callerId)
            .timeout(RING_SECONDS)
            .number(new Number.Builder(resident).build())
            .build());
    return response.build().toXml();
  }
}
