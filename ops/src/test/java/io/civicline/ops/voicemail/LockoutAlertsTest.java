package io.civicline.ops.voicemail;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.core.store.DocumentStore;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.smtp.ReceivedMail;
import io.civicline.testkit.smtp.SmtpSink;
import io.civicline.voicemail.notify.EmailNotifier;
import io.civicline.voicemail.notify.SmtpSettings;
import io.civicline.voicemail.pin.Lockout;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class LockoutAlertsTest {

  @Test
  void theTownsSupervisorsAreToldWhichMailboxLockedAndUntilWhen(
      RedisServer redis, @TempDir Path dir) throws Exception {
    redis.flushAll();
    Vertx vertx = Vertx.vertx();
    Redis client = RedisClients.create(vertx, RedisSettings.standalone(redis.url()));
    try (RunningServer seeded = RunningServer.start(redis, dir, true);
        SmtpSink smtp = SmtpSink.start()) {
      EmailNotifier email =
          new EmailNotifier(
              vertx,
              new SmtpSettings(
                  smtp.host(),
                  smtp.port(),
                  Optional.empty(),
                  Optional.empty(),
                  false,
                  "voicemail@lakeside.example",
                  Duration.ofSeconds(5)));
      LockoutAlerts alerts = new LockoutAlerts(new DocumentStore(client, Clock.systemUTC()), email);
      Lockout lockout =
          new Lockout(
              "lakeside",
              "department-clerk",
              "+12075550199",
              Instant.parse("2026-11-24T15:00:00Z"),
              Instant.parse("2026-11-24T15:15:00Z"),
              Set.of(Lockout.Scope.MAILBOX));

      int told =
          alerts.alert(lockout).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      ReceivedMail mail = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
      assertThat(told).isEqualTo(mail.envelopeTo().size());
      // The demo township has no admin role, so its supervisors are told.
      assertThat(mail.envelopeTo())
          .contains("mgonzalez@lakeside.example", "dkowalski@lakeside.example");
      assertThat(mail.envelopeTo()).doesNotContain("tbecker@lakeside.example");
      assertThat(mail.subject()).contains("department-clerk");
      assertThat(mail.text()).contains("+12075550199").contains("10:15 AM EST");
    } finally {
      client.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
