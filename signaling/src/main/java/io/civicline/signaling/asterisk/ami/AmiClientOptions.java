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
    return new AmiClientOptions(
        value,
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

  public AmiClientOptions withEventMask(String value) {
    return new AmiClientOptions(
        loginMethod,
        value,
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

  public AmiClientOptions withBackoff(BackoffPolicy value) {
    return new AmiClientOptions(
        loginMethod,
        eventMask,
        value,
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

  public AmiClientOptions withActionIds(ActionIdGenerator value) {
    return new AmiClientOptions(
        loginMethod,
        eventMask,
        backoff,
        value,
        connectTimeout,
        loginTimeout,
        logoffTimeout,
        pingInterval,
        originateTimeoutMargin,
        stableAfter,
        maxLineBytes,
        maxHeaders);
  }

  public AmiClientOptions withPingInterval(Duration value) {
    return new AmiClientOptions(
        loginMethod,
        eventMask,
        backoff,
        actionIds,
        connectTimeout,
        loginTimeout,
        logoffTimeout,
        value,
        originateTimeoutMargin,
        stableAfter,
        maxLineBytes,
        maxHeaders);
  }

  public AmiClientOptions withMaxLineBytes(int value) {
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
        value,
        maxHeaders);
  }

  AmiConnection.Settings wire() {
    return new AmiConnection.Settings(maxLineBytes, maxHeaders, connectTimeout);
  }
}
