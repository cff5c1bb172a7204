package io.civicline.voicemail.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.civicline.core.config.Secret;
import io.civicline.testkit.smtp.ReceivedMail;
import io.civicline.testkit.smtp.SmtpSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EmailNotifierTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String USER = "voicemail@lakeside.example";
  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String> STAFF =
      List.of("clerk@lakeside.example", "deputy@lakeside.example");

  private Vertx vertx;
  private SmtpSink smtp;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    smtp = SmtpSink.requiringLogin(USER, PASSWORD);
    logs.start();
    logger().addAppender(logs);
  }

  @AfterEach
  void stop() throws Exception {
    logger().detachAppender(logs);
    smtp.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sendsOneMessageToEveryRecipientAfterLoggingIn() throws Exception {
    VoicemailNotice notice = Notices.clerk(Optional.of("Hi, this is about my dog license."));

    await(notifier(PASSWORD).notify(notice, STAFF));

    ReceivedMail mail = smtp.awaitMessages(1, WAIT).get(0);
    assertThat(mail.user()).contains(USER);
    assertThat(mail.envelopeFrom()).isEqualTo("voicemail@lakeside.example");
    assertThat(mail.envelopeTo()).containsExactlyElementsOf(STAFF);
    assertThat(mail.header("To")).hasValueSatisfying(to -> assertThat(to).contains(STAFF));
    assertThat(mail.header("Auto-Submitted")).contains("auto-generated");
    assertThat(mail.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("multipart/alternative"));
    assertThat(mail.subject())
        .isEqualTo("New voicemail for Township Clerk from +1 207 555 0123 (0:42)");
    assertThat(mail.text())
        .contains("From:      +1 207 555 0123")
        .contains("Received:  Tuesday, March 3, 2026 at 2:05 PM EST")
        .contains("Length:    0:42")
        .contains("Transcript:\nHi, this is about my dog license.")
        .contains("https://console.lakeside.example/voicemail/vm_01HZX3");
    assertThat(mail.htmlBody())
        .hasValueSatisfying(
            html ->
                assertThat(html)
                    .contains("href=\"https://console.lakeside.example/voicemail/vm_01HZX3\"")
                    .contains("Hi, this is about my dog license."));
    assertThat(smtp.messages()).hasSize(1);
  }

  @Test
  void carriesUtf8NamesAndTranscriptsIntact() throws Exception {
    VoicemailNotice notice =
        new VoicemailNotice(
            "lakeside",
            "Village of Peñasco",
            "staff:maria-gonzalez",
            "María González — Secretaría",
            "vm_02",
            "+15055550188",
            Instant.parse("2026-07-04T16:30:00Z"),
            ZoneId.of("America/Denver"),
            725,
            "es",
            Optional.of("Buenos días, ¿podría llamarme? Es sobre el permiso de construcción. 谢谢"),
            URI.create("https://console.penasco.example/voicemail/vm_02"));

    await(notifier(PASSWORD).notify(notice, List.of("maria@penasco.example")));

    ReceivedMail mail = smtp.awaitMessages(1, WAIT).get(0);
    assertThat(mail.subject())
        .isEqualTo("New voicemail for María González — Secretaría from +1 505 555 0188 (12:05)");
    assertThat(mail.text())
        .contains("New voicemail for María González — Secretaría at Village of Peñasco.")
        .contains("Received:  Saturday, July 4, 2026 at 10:30 AM MDT")
        .contains("Language:  Spanish")
        .contains("¿podría llamarme? Es sobre el permiso de construcción. 谢谢");
    assertThat(mail.htmlBody()).hasValueSatisfying(html -> assertThat(html).contains("谢谢"));
  }

  @Test
  void withoutATranscriptTheMessageSaysSo() throws Exception {
    await(notifier(PASSWORD).notify(Notices.clerk(Optional.empty()), STAFF));

    ReceivedMail mail = smtp.awaitMessages(1, WAIT).get(0);
    assertThat(mail.text())
        .contains("No transcript is available for this message.")
        .doesNotContain("Transcript:");
  }

  @Test
  void aWrongPasswordFailsTheFutureForGood() {
    Throwable failure =
        failureOf(notifier("wrong password").notify(Notices.clerk(Optional.empty()), STAFF));

    assertThat(failure).isInstanceOf(NotificationException.class);
    assertThat(((NotificationException) failure).temporary()).isFalse();
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void aBusyServerFailsTheFutureForNow() {
    smtp.failNext(451);

    Throwable failure =
        failureOf(notifier(PASSWORD).notify(Notices.clerk(Optional.empty()), STAFF));

    assertThat(failure).isInstanceOf(NotificationException.class).hasMessageContaining("451");
    assertThat(((NotificationException) failure).temporary()).isTrue();
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void aRefusedRecipientFailsTheFuture() {
    smtp.refuseRecipient("deputy@lakeside.example");

    Throwable failure =
        failureOf(notifier(PASSWORD).notify(Notices.clerk(Optional.empty()), STAFF));

    assertThat(failure).isInstanceOf(NotificationException.class);
    assertThat(((NotificationException) failure).temporary()).isFalse();
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void anUnreachableServerIsTemporary() {
    int port = smtp.port();
    smtp.close();

    Throwable failure =
        failureOf(notifier(PASSWORD, port).notify(Notices.clerk(Optional.empty()), STAFF));

    assertThat(failure).isInstanceOf(NotificationException.class);
    assertThat(((NotificationException) failure).temporary()).isTrue();
  }

  @Test
  void badOrMissingRecipientsFailWithoutConnecting() {
    EmailNotifier notifier = notifier(PASSWORD);
    VoicemailNotice notice = Notices.clerk(Optional.empty());

    assertThat(failureOf(notifier.notify(notice, List.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            failureOf(notifier.notify(notice, List.of("clerk@lakeside.example", "not an address"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recipient 2")
        .hasMessageNotContaining("not an address");
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void logsNeitherThePasswordNorTheBodyNorTheAddresses() throws Exception {
    String transcript = "My social security number is 078-05-1120";
    await(notifier(PASSWORD).notify(Notices.clerk(Optional.of(transcript)), STAFF));
    failureOf(notifier("wrong password").notify(Notices.clerk(Optional.of(transcript)), STAFF));
    smtp.failNext(451);
    failureOf(notifier(PASSWORD).notify(Notices.clerk(Optional.of(transcript)), STAFF));

    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("vm_01HZX3").contains("2 recipient(s)");
    assertThat(lines.get(2)).contains("temporary").contains("451");
    assertThat(String.join("\n", lines))
        .doesNotContain(PASSWORD)
        .doesNotContain("wrong password")
        .doesNotContain("078-05-1120")
        .doesNotContain("clerk@lakeside.example");
  }

  private EmailNotifier notifier(String password) {
    return notifier(password, smtp.port());
  }

  private EmailNotifier notifier(String password, int port) {
    SmtpSettings settings =
        new SmtpSettings(
            smtp.host(),
            port,
            Optional.of(USER),
            Optional.of(Secret.of(password)),
            false,
            "Lakeside Voicemail <voicemail@lakeside.example>",
            Duration.ofSeconds(5));
    return new EmailNotifier(vertx, settings);
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(EmailNotifier.class);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the future did not fail in time", e);
    }
    throw new AssertionError("the future succeeded");
  }
}
