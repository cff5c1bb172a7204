package io.civicline.signaling.asterisk.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AmiClient}. {@code eventMask} is the login's {@code Events} header ({@code
 * on} by default: device states and call events are needed; null sends no header). {@code
 * pingInterval} sends a {@code Ping} that often and drops a connection that does not answer within
 * the same time (a half-open TCP connection otherwise looks alive forever); zero turns it off.
 */
public record AmiClientOptions(
    AmiLoginMethod loginMethod,
    String eventMask,
    BackoffPolicy backoff,
    ActionIdGenerator actionIds,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration logoffTimeout,
    Duration pingInterval,
    Duration originateTimeoutMargin,
    Duration stableAfter,
    int maxLineBytes,
    int maxHeaders) {

  public AmiClientOptions {
    Objects.requireNonNull(loginMethod, "loginMethod");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(actionIds, "actionIds");
    for (Duration d :
        new Duration[] {
          connectTimeout,
          loginTimeout,
          logoffTimeout,
          pingInterval,
          originateTimeoutMargin,
          stableAfter
        }) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("durations must be set and not negative");
      }
    }
    if (connectTimeout.isZero() || loginTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout and loginTimeout must be positive");
    }
    if (maxLineBytes < 256 || maxHeaders < 16) {
      throw new IllegalArgumentException("maxLineBytes >= 256 and maxHeaders >= 16");
    }
  }

  /**
   * MD5 login, {@code Events: on}, default back-off, random-prefixed ActionIDs, 10 s connect and
   * login timeouts, 2 s for a polite {@code Logoff}, ping every 30 s, originates given up 30 s
   * after their ring timeout, a connection counts as stable after 30 s, 64 KiB lines, 10 000
   * headers.
   */
  public static AmiClientOptions defaults() {
    return new AmiClientOptions(
        AmiLoginMethod.MD5_CHALLENGE,
        "on",
        BackoffPolicy.defaults(),
        ActionIdGenerator.sequential(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        65_536,
        10_000);
  }

  public AmiClientOptions withLoginMethod(AmiLoginMethod value) {
    return change(copy -> copy.loginMethod = value);
  }

  public AmiClientOptions withEventMask(String value) {
    return change(copy -> copy.eventMask = value);
  }

  public AmiClientOptions withBackoff(BackoffPolicy value) {
    return change(copy -> copy.backoff = value);
  }

  public AmiClientOptions withActionIds(ActionIdGenerator value) {
    return change(copy -> copy.actionIds = value);
  }

  public AmiClientOptions withPingInterval(Duration value) {
    return change(copy -> copy.pingInterval = value);
  }

  public AmiClientOptions withMaxLineBytes(int value) {
    return change(copy -> copy.maxLineBytes = value);
  }

  AmiConnection.Settings wire() {
    return new AmiConnection.Settings(maxLineBytes, maxHeaders, connectTimeout);
  }

  /** This, with what {@code edit} changes; the result is checked like any other. */
  private AmiClientOptions change(java.util.function.Consumer<Copy> edit) {
    Copy copy = new Copy(this);
    edit.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so each with-method names only the one setting it changes. */
  private static final class Copy {
    private AmiLoginMethod loginMethod;
    private String eventMask;
    private BackoffPolicy backoff;
    private ActionIdGenerator actionIds;
    private Duration connectTimeout;
    private Duration loginTimeout;
    private Duration logoffTimeout;
    private Duration pingInterval;
    private Duration originateTimeoutMargin;
    private Duration stableAfter;
    private int maxLineBytes;
    private int maxHeaders;

    Copy(AmiClientOptions o) {
      loginMethod = o.loginMethod;
      eventMask = o.eventMask;
      backoff = o.backoff;
      actionIds = o.actionIds;
      connectTimeout = o.connectTimeout;
      loginTimeout = o.loginTimeout;
      logoffTimeout = o.logoffTimeout;
      pingInterval = o.pingInterval;
      originateTimeoutMargin = o.originateTimeoutMargin;
      stableAfter = o.stableAfter;
      maxLineBytes = o.maxLineBytes;
      maxHeaders = o.maxHeaders;
    }

    AmiClientOptions build() {
      return new AmiClientOptions(
          loginMethod,
          eventMask,
          backoff,
          actionIds,
          connectTimeout,
          loginTimeout,
          logoffTimeout,
          pingInterval,
          originateTimeoutMargin,
          stableAfter,
          maxLineBytes,
          maxHeaders);
    }
  }
}
