package io.civicline.signaling.asterisk.ami;

/**
 * Asterisk answered an action with {@code Response: Error}. {@link #amiMessage()} is Asterisk's
 * {@code Message} header, e.g. {@code Permission denied}, {@code Originate failed}, {@code Missing
 * mailbox parameter in request}.
 */
public final class AmiErrorException extends RuntimeException {
  private final String action;
  private final String actionId;
  private final String amiMessage;

  public AmiErrorException(String action, String actionId, String amiMessage) {
    super(
        "AMI action "
            + action
            + " (ActionID "
            + actionId
            + ") failed: "
            + (amiMessage == null ? "(no Message)" : AmiLog.excerpt(amiMessage, 200)));
    this.action = action;
    this.actionId = actionId;
    this.amiMessage = amiMessage;
  }

  public String action() {
    return action;
  }

  public String actionId() {
    return actionId;
  }

  /** Asterisk's {@code Message} header, or null if the error response had none. */
  public String amiMessage() {
    return amiMessage;
  }
}
