package io.civicline.mobileapi.calls;

import io.civicline.core.directory.StaffMember;
import io.vertx.core.Future;

/**
 * Click-to-call: rings the staff member first (app or mobile), then connects them to the resident,
 * who sees the department's number. Placed through the voice channel that serves the town (Twilio
 * REST or an Asterisk Originate).
 */
@FunctionalInterface
public interface OutboundCalls {
  /** Answers once the call is placed (the staff member's phone is about to ring). */
  Future<PlacedCall> place(OutboundCall call);

  /**
   * Fails with {@link NotAllowed} when the town does not let staff call {@code call.to()}: asked
   * before the member's hourly allowance is spent, so a refused number costs none of it.
   */
  default Future<Void> allowed(OutboundCall call) {
    return Future.succeededFuture();
  }

  /** Which of the staff member's phones rings first. */
  enum Via {
    APP,
    MOBILE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A staff member of {@code tenant} calls {@code to} on behalf of {@code department}. */
  record OutboundCall(String tenant, StaffMember caller, String department, String to, Via via) {}

  /**
   * A call placed: its id at the channel, the channel ({@code twilio}, {@code asterisk}) and the
   * number the resident sees.
   */
  record PlacedCall(String id, String channel, String callerId) {}

  /** The call cannot be placed as asked (no number to show, no mobile on file, ...). */
  final class NotPossible extends RuntimeException {
    public NotPossible(String message) {
      super(message);
    }
  }

  /** The town does not let staff call this number from the app (its dialing policy). */
  final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
      super(message);
    }
  }

  /** No voice channel can place calls for this town. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** No voice channel configured at all. */
  OutboundCalls NONE =
      call ->
          Future.failedFuture(new Unavailable("no voice channel places calls for this deployment"));
}
