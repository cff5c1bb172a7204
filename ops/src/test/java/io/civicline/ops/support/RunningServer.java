package io.civicline.ops.support;

import io.civicline.core.redis.RedisSettings;
import io.civicline.ops.CivicLineServer;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The real server on a free port against a test's private Redis, with an API client. */
public final class RunningServer implements AutoCloseable {
  private final CivicLineServer server;
  private final Path tokenFile;

  private RunningServer(CivicLineServer server, Path tokenFile) {
    this.server = server;
    this.tokenFile = tokenFile;
  }

  public static RunningServer start(RedisServer redis, Path dir, boolean demoSeed) {
    return start(redis, dir, demoSeed, 65536);
  }

  public static RunningServer start(RedisServer redis, Path dir, boolean demoSeed, int maxBody) {
    return start(redis, dir, demoSeed, maxBody, Clock.systemUTC(), null, null);
  }

  /**
   * A server whose Twilio channel talks to {@code twilio} (a stand-in) and whose clock is {@code
   * clock}. Twilio signs webhooks over the server's public URL, so the port is chosen first.
   */
  public static RunningServer withTwilio(
      RedisServer redis,
      Path dir,
      Clock clock,
      io.civicline.testkit.twilio.TwilioStandIn twilio,
      String sid,
      String token) {
    return start(
        redis, dir, true, 65536, clock, new TwilioAccount(twilio.baseUrl(), sid, token), null);
  }

  /** Like {@link #withTwilio}, and voicemail notifications go to {@code smtp}. */
  public static RunningServer withTwilioAndMail(
      RedisServer redis,
      Path dir,
      Clock clock,
      io.civicline.testkit.twilio.TwilioStandIn twilio,
      String sid,
      String token,
      io.civicline.testkit.smtp.SmtpSink smtp) {
    io.civicline.voicemail.notify.SmtpSettings mail =
        new io.civicline.voicemail.notify.SmtpSettings(
            smtp.host(),
            smtp.port(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false,
            "voicemail@lakeside.example",
            Duration.ofSeconds(5));
    return start(
        redis, dir, true, 65536, clock, new TwilioAccount(twilio.baseUrl(), sid, token), mail);
  }

  private record TwilioAccount(String restBaseUrl, String sid, String token) {}

  /** Where the Asterisk channel's spool is as a test's simulated Asterisk names it. */
  public static final String SPOOL_ON_ASTERISK = "/var/spool/civicline";

  /**
   * Like {@link #withTwilio}, with the Asterisk channel on too: FastAGI on a free port, the spool
   * under {@code dir/spool}, and a text-to-speech command that writes each prompt's text into its
   * file (so a test can tell what a caller heard).
   */
  public static RunningServer withTwilioAndAsterisk(
      RedisServer redis,
      Path dir,
      Clock clock,
      io.civicline.testkit.twilio.TwilioStandIn twilio,
      String sid,
      String token) {
    return withTwilioAndAsterisk(redis, dir, clock, twilio, sid, token, java.util.List.of());
  }

  /** Like the above; FastAGI takes calls only from {@code agiAllow} (anyone when empty). */
  public static RunningServer withTwilioAndAsterisk(
      RedisServer redis,
      Path dir,
      Clock clock,
      io.civicline.testkit.twilio.TwilioStandIn twilio,
      String sid,
      String token,
      java.util.List<String> agiAllow) {
    return withTwilioAndAsterisk(
        redis, dir, clock, twilio, sid, token, agiAllow, CivicLineConfig.Push.NONE);
  }

  /** Like the above, with push notifications to staff apps configured as {@code push} says. */
  public static RunningServer withTwilioAndAsterisk(
      RedisServer redis,
      Path dir,
      Clock clock,
      io.civicline.testkit.twilio.TwilioStandIn twilio,
      String sid,
      String token,
      java.util.List<String> agiAllow,
      CivicLineConfig.Push push) {
    CivicLineConfig.Asterisk asterisk =
        new CivicLineConfig.Asterisk(
            "127.0.0.1",
            0,
            50,
            new io.civicline.signaling.asterisk.calls.AsteriskSettings(
                dir.resolve("spool"),
                SPOOL_ON_ASTERISK,
                java.util.List.of(
                    "sh", "-c", "printf '%s' \"$1\" > \"$2\"", "tts", "{text}", "{output}"),
                Duration.ofSeconds(10),
                10,
                5),
            java.util.List.of(),
            agiAllow);
    return start(
        redis,
        dir,
        true,
        65536,
        clock,
        new TwilioAccount(twilio.baseUrl(), sid, token),
        null,
        asterisk,
        push);
  }

  private static RunningServer start(
      RedisServer redis,
      Path dir,
      boolean demoSeed,
      int maxBody,
      Clock clock,
      TwilioAccount twilio,
      io.civicline.voicemail.notify.SmtpSettings smtp) {
    return start(
        redis, dir, demoSeed, maxBody, clock, twilio, smtp, null, CivicLineConfig.Push.NONE);
  }

  private static RunningServer start(
      RedisServer redis,
      Path dir,
      boolean demoSeed,
      int maxBody,
      Clock clock,
      TwilioAccount twilio,
      io.civicline.voicemail.notify.SmtpSettings smtp,
      CivicLineConfig.Asterisk asterisk,
      CivicLineConfig.Push push) {
    Path tokenFile = dir.resolve("platform-admin.token");
    int port = twilio == null ? 0 : freePort();
    java.util.Optional<io.civicline.signaling.twilio.TwilioSettings> settings =
        java.util.Optional.ofNullable(twilio)
            .map(
                account ->
                    new io.civicline.signaling.twilio.TwilioSettings(
                            account.sid(),
                            io.civicline.core.config.Secret.of(account.token()),
                            "http://127.0.0.1:" + port,
                            account.restBaseUrl())
                        .withVoiceSdk(VOICE_SDK));
    CivicLineConfig config =
        new CivicLineConfig(
            new CivicLineConfig.Http("127.0.0.1", port, maxBody),
            RedisSettings.standalone(redis.url()),
            new CivicLineConfig.Admin(tokenFile),
            demoSeed,
            Duration.ofSeconds(1),
            settings,
            dir.resolve("recordings"),
            java.util.Optional.ofNullable(smtp),
            java.util.Optional.empty(),
            java.util.Optional.ofNullable(asterisk),
            java.util.Optional.of(
                io.civicline.core.config.Secret.of("test-staff-signing-key-0123456789abcdef")),
            push);
    try {
      CivicLineServer server =
          CivicLineServer.start(config, clock)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new RunningServer(server, tokenFile);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
  }

  /** In-app calling is on in every Twilio test server: this API key signs the voice tokens. */
  public static final String VOICE_KEY_SECRET = "voice-key-secret-of-32-characters";

  public static final io.civicline.signaling.twilio.VoiceSdkSettings VOICE_SDK =
      new io.civicline.signaling.twilio.VoiceSdkSettings(
          "SK" + "0123456789abcdef".repeat(2),
          io.civicline.core.config.Secret.of(VOICE_KEY_SECRET),
          java.util.Optional.empty(),
          Duration.ofHours(1));

  private static int freePort() {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server itself, for tests that look inside (e.g. at its router). */
  public CivicLineServer server() {
    return server;
  }

  /** Where Twilio sends a new call's webhook. */
  public String voiceUrl() {
    return "http://127.0.0.1:" + port() + "/twilio/voice";
  }

  public int port() {
    return server.httpPort();
  }

  /** The FastAGI port of the Asterisk channel. */
  public int agiPort() {
    return server.agiPort().orElseThrow(() -> new IllegalStateException("Asterisk is off"));
  }

  public Path tokenFile() {
    return tokenFile;
  }

  public String platformToken() {
    try {
      return Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client signed in with the platform-admin token. */
  public Api platformAdmin() {
    return new Api(port(), platformToken());
  }

  public Api as(String token) {
    return new Api(port(), token);
  }

  /** A staff member's sign-in answer: the admin sets their password, they sign in by email. */
  public Api.Response staffSignIn(String tenant, String staffId, String password) {
    Api admin = platformAdmin();
    String town = "/api/v1/tenants/" + tenant + "/staff/" + staffId;
    admin.put(
        town + "/password", new io.vertx.core.json.JsonObject().put("password", password), null);
    return new Api(port(), null)
        .post(
            "/api/v1/staff/auth/sign-in",
            new io.vertx.core.json.JsonObject()
                .put("tenant", tenant)
                .put("email", admin.get(town).json().getString("email"))
                .put("password", password));
  }

  /** A staff member's app, signed in (see {@link #staffSignIn}). */
  public Api staffApp(String tenant, String staffId, String password) {
    Api.Response signedIn = staffSignIn(tenant, staffId, password);
    if (signedIn.status() != 200) {
      throw new IllegalStateException(staffId + " could not sign in: " + signedIn.body());
    }
    return new Api(port(), signedIn.json().getString("accessToken"));
  }

  /** Issues a tenant-admin token for {@code tenant} and returns a client using it. */
  public Api tenantAdmin(String tenant) {
    Api.Response issued =
        platformAdmin()
            .post(
                "/api/v1/tokens",
                new JsonObject()
                    .put("name", "admin of " + tenant)
                    .put("role", "tenant-admin")
                    .put("tenant", tenant));
    if (issued.status() != 201) {
      throw new IllegalStateException("cannot issue token: " + issued);
    }
    return as(issued.json().getString("token"));
  }

  @Override
  public void close() {
    server.close();
  }
}
