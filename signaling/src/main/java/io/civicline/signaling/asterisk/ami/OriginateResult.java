package io.civicline.signaling.asterisk.ami;

/**
 * The outcome of an asynchronous originate ({@code Event: OriginateResponse}). {@code reason} is
 * Asterisk's control code: 4 answered, 5 busy, 8 congestion, 3 rang without answer (timeout), 1
 * hung up, 0 failed before dialling (e.g. unknown technology). {@code uniqueId} is null unless a
 * channel was created.
 */
public record OriginateResult(
    String actionId, boolean success, int reason, String channel, String uniqueId) {

  static OriginateResult from(AmiMessage event) {
    String uniqueId = event.get("Uniqueid");
    return new OriginateResult(
        event.actionId(),
        "Success".equalsIgnoreCase(event.get("Response")),
        AmiNumbers.parseInt(event.get("Reason"), -1),
        event.get("Channel"),
        uniqueId == null || uniqueId.equals("<unknown>") ? null : uniqueId);
  }

  /** A short English reading of {@link #reason()} for logs and UIs. */
  public String reasonText() {
    return switch (reason) {
      case 0 -> "failed";
      case 1 -> "hung up";
      case 3 -> "no answer";
      case 4 -> "answered";
      case 5 -> "busy";
      case 8 -> "congestion";
      default -> "reason " + reason;
    };
  }
}
