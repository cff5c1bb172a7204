package io.civicline.signaling.asterisk.calls;

import io.civicline.core.presence.OnCallPresence;
import io.civicline.signaling.asterisk.ami.BridgeEnterEvent;
import io.civicline.signaling.asterisk.ami.CallEventListener;
import io.civicline.signaling.asterisk.ami.HangupEvent;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staff member who answered on their mobile through the town's Asterisk is on a call until that
 * leg hangs up. Asterisk rings a mobile as {@code Local/<number>@civicline-outbound}; the {@code
 * ;1} half of that Local channel enters a bridge with the caller once the mobile answers (AMI
 * {@code BridgeEnter}) and hangs up when the conversation ends ({@code Hangup}). The town is the
 * channel's account code, which the dialplan sets. Desk phones are followed by their device state
 * instead ({@link DeskPhoneCalls}).
 */
public final class MobileLegCalls implements CallEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(MobileLegCalls.class);
  private static final Pattern MOBILE_LEG =
      Pattern.compile(
          "Local/(\\+[1-9][0-9]{6,14})@" + AgiDialing.OUTBOUND_CONTEXT + "-[0-9a-fA-F]+;1");

  private record Leg(String tenant, String staffId) {}

  private final OnCallPresence onCall;
  private final Function<String, Future<Map<String, String>>> mobiles;
  private final Map<String, Future<Optional<Leg>>> connected = new ConcurrentHashMap<>();

  /**
   * @param mobiles each staff member's mobile number by staff id, per tenant
   */
  public MobileLegCalls(
      OnCallPresence onCall, Function<String, Future<Map<String, String>>> mobiles) {
    this.onCall = onCall;
    this.mobiles = mobiles;
  }

  static String callId(String uniqueId) {
    return "mobile:" + uniqueId;
  }

  @Override
  public void onBridgeEnter(BridgeEnterEvent event) {
    Matcher leg = event.channel() == null ? null : MOBILE_LEG.matcher(event.channel());
    String tenant = event.accountCode();
    if (leg == null || !leg.matches() || tenant.isEmpty() || event.bridgeChannels() < 2) {
      return;
    }
    String number = leg.group(1);
    // Kept before the lookup: a hang-up that arrives meanwhile waits for it, so the mark is
    // never set after it was cleared.
    Future<Optional<Leg>> marked =
        mobiles
            .apply(tenant)
            .map(byStaff -> owner(byStaff, number).map(staff -> new Leg(tenant, staff)))
            .compose(
                found ->
                    found.isEmpty()
                        ? Future.succeededFuture(found)
                        : onCall
                            .started(tenant, found.get().staffId(), callId(event.uniqueId()))
                            .map(found));
    marked.onFailure(failure -> warn(tenant, failure));
    connected.put(event.uniqueId(), marked);
  }

  @Override
  public void onHangup(HangupEvent event) {
    Future<Optional<Leg>> marked = connected.remove(String.valueOf(event.uniqueId()));
    if (marked == null) {
      return;
    }
    marked
        .recover(failure -> Future.succeededFuture(Optional.empty()))
        .compose(
            leg ->
                leg.isEmpty()
                    ? Future.<Void>succeededFuture()
                    : onCall
                        .ended(leg.get().tenant(), leg.get().staffId(), callId(event.uniqueId()))
                        .onFailure(failure -> warn(leg.get().tenant(), failure)));
  }

  private static Optional<String> owner(Map<String, String> mobileByStaff, String number) {
    return mobileByStaff.entrySet().stream()
        .filter(e -> number.equals(e.getValue()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static void warn(String tenant, Throwable failure) {
    LOG.atWarn()
        .addKeyValue("tenant", tenant)
        .setCause(failure)
        .log("could not record a mobile leg's call");
  }
}
