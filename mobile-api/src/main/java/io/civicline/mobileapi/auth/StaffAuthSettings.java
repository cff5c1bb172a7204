package io.civicline.mobileapi.auth;

import io.civicline.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How staff sign-in and tokens behave. Only {@link #signingKey} has no default: it must come from
 * the environment or a file, like every other secret.
 *
 * @param signingKey the HS256 key of access tokens, at least 32 bytes (UTF-8)
 * @param issuer the {@code iss} of access tokens, e.g. the public base URL
 * @param audience the {@code aud} of access tokens; keeps tokens for another API from working here
 * @param accessTokenTtl lifetime of an access token; short, so a leaked one is of little use even
 *     before anyone notices and revokes its session
 * @param clockLeeway tolerance for clocks of other servers when checking {@code exp} and {@code
 *     iat}
 * @param refreshIdleTtl a session ends when its refresh token is not used for this long
 * @param sessionMaxAge a session ends this long after sign-in, however often it is refreshed
 * @param argon2 the cost of new password hashes
 * @param throttle sign-in attempts allowed before lockouts
 * @param proxies the reverse proxies whose X-Forwarded-For names the client throttling counts
 */
public record StaffAuthSettings(
    Secret signingKey,
    String issuer,
    String audience,
    Duration accessTokenTtl,
    Duration clockLeeway,
    Duration refreshIdleTtl,
    Duration sessionMaxAge,
    Argon2Parameters argon2,
    Throttle throttle,
    TrustedProxies proxies) {

  public static final int MIN_KEY_BYTES = 32;

  /**
   * Failures allowed per (town, email) and per client address before a lockout, which starts at
   * {@code firstLockout} and doubles with every further failure up to {@code maxLockout}. Failures
   * are forgotten after {@code window} without any.
   */
  public record Throttle(
      int accountFailures,
      int addressFailures,
      Duration firstLockout,
      Duration maxLockout,
      Duration window) {
    public static final Throttle DEFAULT =
        new Throttle(5, 20, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofHours(1));
  }

  public StaffAuthSettings {
    Objects.requireNonNull(signingKey, "signingKey");
    if (signingKey.reveal().getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      // the value is never part of the message
      throw new IllegalArgumentException(
          "the staff token signing key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    if (!refreshIdleTtl.minus(accessTokenTtl).isPositive()
        || sessionMaxAge.compareTo(refreshIdleTtl) < 0) {
      throw new IllegalArgumentException(
          "need accessTokenTtl < refreshIdleTtl <= sessionMaxAge for staff sessions");
    }
  }

  /** The defaults: 15-minute access tokens, 30-day idle sessions that end after 90 days. */
  public static StaffAuthSettings defaults(Secret signingKey, String issuer) {
    return new StaffAuthSettings(
        signingKey,
        issuer,
        "civicline-staff-api",
        Duration.ofMinutes(15),
        Duration.ofSeconds(30),
        Duration.ofDays(30),
        Duration.ofDays(90),
        Argon2Parameters.RECOMMENDED,
        Throttle.DEFAULT,
        TrustedProxies.NONE);
  }

  public StaffAuthSettings withArgon2(Argon2Parameters parameters) {
    return with(parameters, throttle, proxies);
  }

  public StaffAuthSettings withThrottle(Throttle limits) {
    return with(argon2, limits, proxies);
  }

  /** Behind these reverse proxies, sign-in throttling counts the address they forward. */
  public StaffAuthSettings withTrustedProxies(TrustedProxies trusted) {
    return with(argon2, throttle, trusted);
  }

  /** A copy with the parts the with-methods change; every other field stays. */
  private StaffAuthSettings with(
      Argon2Parameters parameters, Throttle limits, TrustedProxies trusted) {
    return new StaffAuthSettings(
        signingKey,
        issuer,
        audience,
        accessTokenTtl,
        clockLeeway,
        refreshIdleTtl,
        sessionMaxAge,
        parameters,
        limits,
        trusted);
  }
}
