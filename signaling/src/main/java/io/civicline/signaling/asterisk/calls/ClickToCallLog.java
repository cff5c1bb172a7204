package io.civicline.signaling.asterisk.calls;

import io.civicline.signaling.asterisk.ami.BridgeEnterEvent;
import io.civicline.signaling.asterisk.ami.CallEventListener;
import io.civicline.signaling.asterisk.ami.HangupEvent;
import io.civicline.signaling.store.CallRecord;
import io.civicline.signaling.store.CallRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records click-to-calls placed on Asterisk, like Twilio's, for the member's and the department's
 * recent calls: from the staff member's answer (the originate succeeded) through the resident's
 * answer (their channel enters a bridge with the member's) to the hang-up of the member's channel.
 * Only the node that placed a call follows it; every node hears the events.
 */
public final class ClickToCallLog implements CallEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ClickToCallLog.class);

  /** A click-to-call whose staff leg answered. */
  public record Placed(
      String reference,
      String tenant,
      String staffId,
      String department,
      String resident,
      String callerId) {}

  private record Live(Placed placed, Instant staffAnswered, Optional<Instant> residentAnswered) {}

  private final CallRecords records;
  private final Clock clock;
  private final Map<String, Live> live = new ConcurrentHashMap<>();

  public ClickToCallLog(CallRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  /** The member answered: their channel {@code uniqueId} now rings the resident. */
  void answered(String uniqueId, Placed placed) {
    live.put(uniqueId, new Live(placed, clock.instant(), Optional.empty()));
  }

  @Override
  public void onBridgeEnter(BridgeEnterEvent event) {
    if (event.bridgeChannels() >= 2) {
      live.computeIfPresent(
          event.uniqueId(),
          (id, call) ->
              call.residentAnswered().isPresent()
                  ? call
                  : new Live(call.placed(), call.staffAnswered(), Optional.of(clock.instant())));
    }
  }

  @Override
  public void onHangup(HangupEvent event) {
    Live call = live.remove(String.valueOf(event.uniqueId()));
    if (call == null) {
      return;
    }
    Placed placed = call.placed();
    CallRecord record =
        new CallRecord(
            placed.reference(),
            "asterisk",
            placed.callerId(),
            placed.resident(),
            io.civicline.signaling.twilio.ClickToCallCalls.PATH,
            0,
            call.staffAnswered(),
            call.residentAnswered(),
            clock.instant(),
            List.of(io.civicline.signaling.twilio.ClickToCallCalls.PATH),
            Optional.of(placed.staffId()),
            call.residentAnswered().isPresent() ? "answered" : "no-answer",
            0,
            "",
            List.of(),
            List.of(placed.department()));
    records
        .put(placed.tenant(), record)
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", placed.tenant())
                    .addKeyValue("call", placed.reference())
                    .setCause(failure)
                    .log("could not record a click-to-call"));
  }
}
