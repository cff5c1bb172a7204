package io.civicline.signaling.asterisk.calls;

import io.civicline.signaling.asterisk.ami.Originate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call on Asterisk: an AMI Originate rings the staff member's phone first (their SIP
 * extension, or their mobile through the town's trunk); once they answer, the dialplan's {@code
 * civicline-originate} context dials the resident through {@code civicline-outbound}, showing the
 * department's number ({@code CIVICLINE_OUT_CLI}). The staff phone shows the resident's number
 * while it rings, so they know whom they are about to talk to.
 */
public final class AsteriskClickToCall {
  private static final Logger LOG = LoggerFactory.getLogger(AsteriskClickToCall.class);
  static final Duration RING = Duration.ofSeconds(30);

  private final AsteriskCallbacks.Originator originator;
  private final BooleanSupplier connected;
  private final ClickToCallLog log;

  /**
   * @param log where answered calls are followed to their end and recorded
   */
  public AsteriskClickToCall(
      AsteriskCallbacks.Originator originator, BooleanSupplier connected, ClickToCallLog log) {
    this.originator = originator;
    this.connected = connected;
    this.log = log;
  }

  /** Which of the staff member's phones rings first. */
  public sealed interface StaffPhone {
    String channel();
  }

  /** The member's SIP extension (desk phone or softphone app). */
  public record Extension(String extension) implements StaffPhone {
    @Override
    public String channel() {
      return "PJSIP/" + extension;
    }
  }

  /** The member's mobile, called out through the town's trunk. */
  public record Mobile(String e164) implements StaffPhone {
    @Override
    public String channel() {
      return "Local/" + e164 + "@" + AgiDialing.OUTBOUND_CONTEXT;
    }
  }

  /**
   * Places the call and answers its reference at once: the staff phone rings after this returns,
   * and the outcome (answered, no answer) is only logged.
   *
   * @throws IllegalStateException when the town's Asterisk is not connected
   */
  public String place(
      String tenant,
      String staffId,
      String department,
      StaffPhone phone,
      String resident,
      String callerId) {
    if (!connected.getAsBoolean()) {
      throw new IllegalStateException("the town's Asterisk is not connected; try again shortly");
    }
    String reference = "c2c-" + UUID.randomUUID();
    originator
        .originate(originate(tenant, phone, resident, callerId, reference))
        .onComplete(
            done -> {
              if (done.succeeded() && done.result().success() && done.result().uniqueId() != null) {
                log.answered(
                    done.result().uniqueId(),
                    new ClickToCallLog.Placed(
                        reference, tenant, staffId, department, resident, callerId));
              }
              LOG.atInfo()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("call", reference)
                  .addKeyValue(
                      "outcome",
                      done.succeeded() ? done.result().reasonText() : done.cause().getMessage())
                  .log("click-to-call placed");
            });
    return reference;
  }

  /** What the dialplan expects (deploy/asterisk/extensions.conf, civicline-originate). */
  static Originate originate(
      String tenant, StaffPhone phone, String resident, String callerId, String reference) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("__CIVICLINE_TENANT", tenant);
    variables.put("__CIVICLINE_OUT_CLI", callerId);
    variables.put("CIVICLINE_CLICK_TO_CALL", reference);
    return new Originate(
        phone.channel(),
        AsteriskCallbacks.CONTEXT,
        resident,
        1,
        "\"Call " + resident + "\" <" + resident + ">",
        RING,
        variables);
  }
}
