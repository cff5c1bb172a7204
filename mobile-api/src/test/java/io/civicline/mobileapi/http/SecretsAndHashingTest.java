package io.civicline.mobileapi.http;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.civicline.core.config.Secret;
import io.civicline.mobileapi.auth.Argon2Parameters;
import io.civicline.mobileapi.auth.PasswordCredentials;
import io.civicline.mobileapi.auth.PasswordHasher;
import io.civicline.mobileapi.auth.PasswordStore;
import io.civicline.mobileapi.auth.StaffAuthSettings;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Passwords and tokens stay out of logs; hashes get stronger; refusals take as long as checks. */
@ExtendWith(RedisExtension.class)
class SecretsAndHashingTest {
  private static final String EMAIL = "ann@towns.example";
  private static final String PASSWORD = "river-bank-7-ferry";
  private final RedisServer redis;

  SecretsAndHashingTest(RedisServer redis) {
    this.redis = redis;
  }

  @Test
  void noPasswordTokenOrKeyEverReachesTheLog() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.civicline");
    Level before = ours.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    ours.setLevel(Level.TRACE);
    List<String> secrets =
        new ArrayList<>(List.of(PASSWORD, "wrong-password-1", StaffApiServer.SIGNING_KEY));
    try (StaffApiServer server = StaffApiServer.start(redis)) {
      server.addStaff("lakeside", "ann", EMAIL, List.of("agent"));
      server.setPassword("lakeside", "ann", PASSWORD);
      Http http = server.http;
      for (int i = 0; i < 6; i++) {
        http.post(
            StaffAuthRoutes.SIGN_IN,
            StaffAuthApiTest.credentials("lakeside", EMAIL, "wrong-password-1"));
      }
      server.clock.advance(Duration.ofMinutes(2));
      JsonObject first =
          http.post(
                  StaffAuthRoutes.SIGN_IN,
                  StaffAuthApiTest.credentials("lakeside", EMAIL, PASSWORD))
              .json();
      JsonObject second =
          http.post(
                  StaffAuthRoutes.REFRESH,
                  new JsonObject().put("refreshToken", first.getString("refreshToken")))
              .json();
      // a replay, which is logged as a warning
      http.post(
          StaffAuthRoutes.REFRESH,
          new JsonObject().put("refreshToken", first.getString("refreshToken")));
      http.get(StaffAuthRoutes.ME, second.getString("accessToken") + "tampered");
      http.postRaw(
          StaffAuthRoutes.SIGN_IN, "{\"password\":\"" + PASSWORD, "application/json", null);
      for (JsonObject tokens : List.of(first, second)) {
        secrets.add(tokens.getString("accessToken"));
        secrets.add(tokens.getString("refreshToken"));
        String refresh = tokens.getString("refreshToken");
        secrets.add(refresh.substring(refresh.lastIndexOf('.') + 1));
      }
      String stored =
          await(new PasswordStore(server.bed.redis()).get("lakeside", "ann")).orElseThrow();
      secrets.add(stored);
    } finally {
      root.detachAppender(captured);
      ours.setLevel(before);
    }

    assertThat(captured.list).isNotEmpty();
    assertThat(captured.list)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("session revoked"));
    for (ILoggingEvent event : captured.list) {
      String line =
          event.getFormattedMessage()
              + " "
              + event.getKeyValuePairs()
              + " "
              + event.getMDCPropertyMap()
              + " "
              + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      for (String secret : secrets) {
        assertThat(line).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
      }
      assertThat(line).doesNotContain(EMAIL);
    }
  }

  @Test
  void valueObjectsHideTheirSecrets() {
    assertThat(new PasswordCredentials("lakeside", EMAIL, PASSWORD).toString())
        .doesNotContain(PASSWORD)
        .doesNotContain(EMAIL);
    StaffAuthSettings settings = StaffApiServer.defaultSettings();
    assertThat(settings.toString()).doesNotContain(StaffApiServer.SIGNING_KEY);
    assertThat(Secret.of(PASSWORD).toString()).doesNotContain(PASSWORD);
  }

  @Test
  void anOlderHashIsUpgradedAtSignIn() {
    try (StaffApiServer server = StaffApiServer.start(redis)) {
      server.addStaff("lakeside", "ann", EMAIL, List.of("agent"));
      PasswordStore store = new PasswordStore(server.bed.redis());
      String old = new PasswordHasher(new Argon2Parameters(1024, 1, 1)).hash(PASSWORD);
      await(store.set("lakeside", "ann", old));

      assertThat(
              server
                  .http
                  .post(
                      StaffAuthRoutes.SIGN_IN,
                      StaffAuthApiTest.credentials("lakeside", EMAIL, PASSWORD))
                  .status())
          .isEqualTo(200);

      String upgraded = await(store.get("lakeside", "ann")).orElseThrow();
      assertThat(upgraded).startsWith("$argon2id$v=19$m=2048,t=1,p=1$");
      assertThat(new PasswordHasher(StaffApiServer.FAST).verify(PASSWORD, upgraded)).isTrue();
      // and it still signs in
      assertThat(
              server
                  .http
                  .post(
                      StaffAuthRoutes.SIGN_IN,
                      StaffAuthApiTest.credentials("lakeside", EMAIL, PASSWORD))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void unknownAccountsCostTheSameArgon2WorkAsWrongPasswords() {
    try (StaffApiServer server = StaffApiServer.start(redis)) {
      server.addStaff("lakeside", "ann", EMAIL, List.of("agent"));
      server.setPassword("lakeside", "ann", PASSWORD);
      long before = server.api.passwordVerifications();
      signInFails(server, EMAIL);
      long wrongPassword = server.api.passwordVerifications() - before;
      signInFails(server, "nobody@towns.example");
      long unknownAccount = server.api.passwordVerifications() - before - wrongPassword;

      // Without the dummy hash an unknown email would answer without any Argon2 work, which a
      // caller can time; speed itself is measured in bench, not here.
      assertThat(wrongPassword).isEqualTo(1);
      assertThat(unknownAccount).isEqualTo(1);
    }
  }

  private static void signInFails(StaffApiServer server, String email) {
    int status =
        server
            .http
            .post(
                StaffAuthRoutes.SIGN_IN,
                StaffAuthApiTest.credentials("lakeside", email, "wrong-password-1"))
            .status();
    assertThat(status).isEqualTo(401);
  }
}
