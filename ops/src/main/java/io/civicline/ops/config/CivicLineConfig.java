package io.civicline.ops.config;

import io.civicline.core.redis.RedisSettings;
import io.civicline.signaling.twilio.TwilioSettings;
import io.civicline.voicemail.notify.SmtpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The server's whole configuration, read once at start-up. */
public record CivicLineConfig(
    Http http,
    RedisSettings redis,
    Admin admin,
    boolean demoSeed,
    Duration shutdownGrace,
    Optional<TwilioSettings> twilio,
    Path recordingsDir,
    Optional<SmtpSettings> smtp,
    Optional<String> publicBaseUrl,
    Optional<Asterisk> asterisk,
    Optional<io.civicline.core.config.Secret> staffSigningKey,
    Push push) {

  /**
   * A server on this machine for tools (benchmarks): loopback on a free port, the demo township
   * seeded, state under {@code dir}, no carrier, mail or push configured.
   */
  public static CivicLineConfig local(
      Path dir, RedisSettings redis, Optional<io.civicline.core.config.Secret> staffSigningKey) {
    return new CivicLineConfig(
        new Http("127.0.0.1", 0, 65536),
        redis,
        new Admin(dir.resolve("platform-admin.token")),
        true,
        Duration.ofSeconds(1),
        Optional.empty(),
        dir.resolve("recordings"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        staffSigningKey,
        Push.NONE);
  }

  /**
   * @param trustedProxies reverse proxies (addresses or CIDR blocks) whose X-Forwarded-For names
   *     the client that staff sign-in throttling counts; empty: the TCP peer is the client
   */
  public record Http(
      String host, int port, int maxBodyBytes, java.util.List<String> trustedProxies) {
    public Http {
      trustedProxies = java.util.List.copyOf(trustedProxies);
    }

    public Http(String host, int port, int maxBodyBytes) {
      this(host, port, maxBodyBytes, java.util.List.of());
    }
  }

  /**
   * @param tokenFile where the first platform-admin token is written, readable only by its owner
   */
  public record Admin(Path tokenFile) {}

  /**
   * The Asterisk channel: where the FastAGI server listens and how calls are driven.
   *
   * @param maxCalls calls one node holds at once; more are refused (Asterisk tries the next node)
   * @param amiServers the Asterisk servers to keep a manager connection to (presence, lamps)
   * @param agiAllow further hosts allowed to connect to FastAGI (Asterisk servers without AMI)
   */
  public record Asterisk(
      String agiHost,
      int agiPort,
      int maxCalls,
      io.civicline.signaling.asterisk.calls.AsteriskSettings calls,
      java.util.List<io.civicline.signaling.asterisk.ami.AmiServer> amiServers,
      java.util.List<String> agiAllow) {
    public Asterisk {
      amiServers = java.util.List.copyOf(amiServers);
      agiAllow = java.util.List.copyOf(agiAllow);
    }

    /** Hosts FastAGI takes calls from: the AMI servers' and any listed; empty means anyone. */
    public java.util.List<String> agiPeers() {
      java.util.List<String> peers = new java.util.ArrayList<>(agiAllow);
      amiServers.forEach(server -> peers.add(server.host()));
      return peers;
    }
  }

  /**
   * Push notifications to staff apps without a live connection: Firebase (Android) and APNs (iOS),
   * each on when configured.
   *
   * @param fcmAccessToken a fixed OAuth 2 access token with the firebase.messaging scope (read once
   *     at start; prefer {@code fcmServiceAccount}, whose tokens are renewed as they expire)
   * @param fcmServiceAccount the service account whose key signs access-token requests
   */
  public record Push(
      Optional<String> fcmProjectId,
      String fcmBaseUrl,
      Optional<io.civicline.core.config.Secret> fcmAccessToken,
      Optional<io.civicline.mobileapi.push.GoogleServiceAccount> fcmServiceAccount,
      Optional<io.civicline.mobileapi.push.ApnsSender.Settings> apns) {
    public static final Push NONE =
        new Push(
            Optional.empty(),
            io.civicline.mobileapi.push.FcmSender.DEFAULT_BASE_URL,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** With a fixed FCM access token (renewed by whatever issues it) instead of an account. */
    public Push(
        Optional<String> fcmProjectId,
        String fcmBaseUrl,
        Optional<io.civicline.core.config.Secret> fcmAccessToken,
        Optional<io.civicline.mobileapi.push.ApnsSender.Settings> apns) {
      this(fcmProjectId, fcmBaseUrl, fcmAccessToken, Optional.empty(), apns);
    }
  }
}
