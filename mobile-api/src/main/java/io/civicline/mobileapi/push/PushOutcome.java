package io.civicline.mobileapi.push;

/**
 * What a push service answered.
 *
 * @param retryable for {@link Status#FAILED}: whether the same push may succeed later (service
 *     down, rate limit, expired credentials) rather than never (a malformed request)
 * @param reason the service's own word for it, for logs
 */
public record PushOutcome(Status status, boolean retryable, String reason) {
  public enum Status {
    DELIVERED,
    /** The token is gone for good (app uninstalled, token replaced): prune the device. */
    UNREGISTERED,
    FAILED
  }

  public static PushOutcome delivered() {
    return new PushOutcome(Status.DELIVERED, false, "");
  }

  public static PushOutcome unregistered(String reason) {
    return new PushOutcome(Status.UNREGISTERED, false, reason);
  }

  public static PushOutcome failed(boolean retryable, String reason) {
    return new PushOutcome(Status.FAILED, retryable, reason);
  }
}
