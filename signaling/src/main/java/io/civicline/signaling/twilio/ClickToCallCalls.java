package io.civicline.signaling.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import io.civicline.core.presence.OnCallPresence;
import io.civicline.core.validation.Formats;
import io.civicline.signaling.store.CallRecord;
import io.civicline.signaling.store.CallRecords;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call on Twilio: a REST call rings the staff member first (their app as {@code
 * client:<staff id>}, or their mobile, showing the department's number); once they answer, the
 * webhook's TwiML dials the resident with the department's number as caller id, and the member is
 * on a call until it ends. The call's record (path {@code click-to-call}) then joins the member's
 * and the department's recent calls. Who, whom and for which department travel in the webhook URL,
 * which Twilio signs, so nobody can redirect the second leg.
 */
public final class ClickToCallCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ClickToCallCalls.class);
  static final int RING_SECONDS = 45;
  public static final String PATH = "click-to-call";
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  private final TwilioRest rest;
  private final String publicBase;
  private final CallRecords records;
  private final OnCallPresence onCall;
  private final Clock clock;

  public ClickToCallCalls(
      TwilioRest rest, String publicBase, CallRecords records, OnCallPresence onCall, Clock clock) {
    this.rest = rest;
    this.publicBase = publicBase;
    this.records = records;
    this.onCall = onCall;
    this.clock = clock;
  }

  /** Who calls whom for which department, as the signed webhook URLs carry it. */
  record Leg(String resident, String callerId, String staffId, String department) {
    static Optional<Leg> of(Map<String, String> query) {
      Leg leg =
          new Leg(
              query.get("to"), query.get("callerId"), query.get("staff"), query.get("department"));
      boolean valid =
          leg.resident != null
              && leg.callerId != null
              && Formats.e164(leg.resident) == null
              && Formats.e164(leg.callerId) == null
              && leg.staffId != null
              && SLUG.matcher(leg.staffId).matches()
              && leg.department != null
              && SLUG.matcher(leg.department).matches();
      return valid ? Optional.of(leg) : Optional.empty();
    }

    String query() {
      return "to="
          + encode(resident)
          + "&callerId="
          + encode(callerId)
          + "&staff="
          + encode(staffId)
          + "&department="
          + encode(department);
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /**
   * Rings {@code staffLeg} ({@code client:<id>} or a mobile number) from {@code callerId}, then
   * connects to {@code resident}; answers the Twilio call sid.
   */
  public Future<String> place(
      String tenant,
      String staffId,
      String department,
      String staffLeg,
      String resident,
      String callerId) {
    Leg leg = new Leg(resident, callerId, staffId, department);
    return rest.placeCall(
        callerId,
        staffLeg,
        base(tenant) + "?" + leg.query(),
        publicBase + CallUrls.PREFIX + "/status");
  }

  private String base(String tenant) {
    return publicBase + CallUrls.PREFIX + "/" + tenant + "/" + PATH;
  }

  /** The staff member answered: they are on a call; connect them to the resident (TwiML). */
  Future<String> connect(String tenant, Map<String, String> query, Map<String, String> params) {
    Optional<Leg> leg = Leg.of(query);
    if (leg.isEmpty()) {
      return Future.succeededFuture(hangUp());
    }
    String callSid = params.getOrDefault("CallSid", "");
    return onCall
        .started(tenant, leg.get().staffId(), callSid)
        .map(v -> dial(tenant, leg.get(), clock.instant()));
  }

  private String dial(String tenant, Leg leg, Instant answered) {
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    response.say(new Say.Builder("Connecting your call.").build());
    response.dial(
        new Dial.Builder()
            .callerId(leg.callerId())
            .timeout(RING_SECONDS)
            .action(base(tenant) + "/done?" + leg.query() + "&answered=" + answered.toEpochMilli())
            .number(new Number.Builder(leg.resident()).build())
            .build());
    return response.build().toXml();
  }

  /**
   * The resident's leg is over: the member is off the call, and the call is recorded for the
   * member's and the department's recent calls (the member placed it, so it is never "missed").
   */
  Future<String> done(String tenant, Map<String, String> query, Map<String, String> params) {
    Optional<Leg> leg = Leg.of(query);
    if (leg.isEmpty()) {
      return Future.succeededFuture(hangUp());
    }
    String callSid = params.getOrDefault("CallSid", "");
    Instant now = clock.instant();
    Instant started = answeredAt(query).orElse(now);
    String status = params.getOrDefault("DialCallStatus", "failed");
    boolean talked = status.equals("completed") || status.equals("answered");
    long seconds = talked ? TwilioEvents.integer(params.get("DialCallDuration")) : 0;
    CallRecord record =
        new CallRecord(
            callSid,
            "twilio",
            leg.get().callerId(),
            leg.get().resident(),
            PATH,
            0,
            started,
            // never before the member answered, whatever clock the duration was measured on
            talked ? Optional.of(latest(started, now.minusSeconds(seconds))) : Optional.empty(),
            now,
            List.of(PATH),
            Optional.of(leg.get().staffId()),
            talked ? "answered" : status,
            0,
            "",
            List.of(),
            List.of(leg.get().department()));
    return onCall
        .ended(tenant, leg.get().staffId(), callSid)
        .compose(v -> records.put(tenant, record))
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("call", callSid)
                  .setCause(failure)
                  .log("could not record a click-to-call");
              return Future.succeededFuture();
            })
        .map(v -> hangUp());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Optional<Instant> answeredAt(Map<String, String> query) {
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(query.getOrDefault("answered", ""))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String hangUp() {
    return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
  }
}
