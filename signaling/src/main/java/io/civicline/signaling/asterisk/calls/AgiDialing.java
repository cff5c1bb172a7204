package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.CallEvent.DialStatus;
import io.civicline.routing.engine.DialTarget;
import io.civicline.signaling.asterisk.agi.AgiReply;
import io.civicline.signaling.asterisk.agi.ChannelHungUpException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rings staff through Asterisk: a staff member's app target becomes their desk phone ({@code
 * PJSIP/<extension>}), a mobile number a call out through the town's trunk ({@code
 * Local/<number>@civicline-outbound}, where the dialplan picks trunk and caller id). Dial's {@code
 * g} option brings the call back to us when the callee hangs up, so DIALSTATUS tells what happened.
 */
final class AgiDialing {
  static final String OUTBOUND_CONTEXT = "civicline-outbound";

  private AgiDialing() {}

  /**
   * Dials and waits for the result.
   *
   * @param extensions staff id -> desk-phone extension
   */
  static CallEvent dial(AgiLine line, Action.Dial dial, Map<String, String> extensions)
      throws IOException {
    List<String> channels = new ArrayList<>();
    boolean mobiles = false;
    for (DialTarget target : dial.targets()) {
      if (target.kind() == DialTarget.Kind.NUMBER) {
        channels.add("Local/" + target.address() + "@" + OUTBOUND_CONTEXT);
        mobiles = true;
      } else if (extensions.containsKey(target.staffId())) {
        channels.add("PJSIP/" + extensions.get(target.staffId()));
      }
    }
    if (channels.isEmpty()) {
      return CallEvent.DialEnded.notAnswered(DialStatus.FAILED);
    }
    // A mobile's own voicemail must not "answer" for the town: the callee presses 1 first.
    line.setVariable("__CIVICLINE_CONFIRM", mobiles ? "yes" : "no");
    line.setVariable("__CIVICLINE_RING_SECONDS", String.valueOf(dial.timeoutSeconds()));
    AgiReply reply =
        line.exec("Dial", String.join("&", channels) + "," + dial.timeoutSeconds() + ",g");
    String status = line.variable("DIALSTATUS").orElse("");
    if (reply.resultInt().orElse(0) == -1 && !status.equals("ANSWER")) {
      throw new ChannelHungUpException("caller hung up during Dial", reply);
    }
    return switch (status) {
      case "ANSWER" ->
          new CallEvent.DialEnded(DialStatus.ANSWERED, answeredBy(line, dial, extensions));
      case "BUSY" -> CallEvent.DialEnded.notAnswered(DialStatus.BUSY);
      case "NOANSWER", "CANCEL" -> CallEvent.DialEnded.notAnswered(DialStatus.NO_ANSWER);
      default -> CallEvent.DialEnded.notAnswered(DialStatus.FAILED);
    };
  }

  /** The staff member whose device answered, from DIALEDPEERNAME. */
  private static Optional<String> answeredBy(
      AgiLine line, Action.Dial dial, Map<String, String> extensions) throws IOException {
    java.util.Set<String> staff = new java.util.HashSet<>();
    dial.targets().forEach(t -> staff.add(t.staffId()));
    if (staff.size() == 1 && !staff.contains(null)) {
      return Optional.of(staff.iterator().next());
    }
    String peer = line.variable("DIALEDPEERNAME").orElse("");
    for (DialTarget target : dial.targets()) {
      String address =
          target.kind() == DialTarget.Kind.NUMBER
              ? "Local/" + target.address() + "@"
              : "PJSIP/" + extensions.get(target.staffId()) + "-";
      if (peer.startsWith(address)) {
        return Optional.ofNullable(target.staffId());
      }
    }
    return Optional.empty();
  }
}
