package io.civicline.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sink against a real mail client (Angus, the Jakarta Mail implementation). */
class SmtpSinkMailClientTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void receivesAMultipartUtf8MessageAfterLogin() throws Exception {
    try (SmtpSink sink = SmtpSink.requiringLogin("civicline", "s3cret")) {
      MimeMessage message = message(sink, "Nachricht für Jürgen — 1 of 2");
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText("Hola, ¿cómo está?\nLine with a leading dot follows\n. and more", "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setContent("<p>日本語のメッセージ</p>", "text/html; charset=UTF-8");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.setRecipients(
          Message.RecipientType.TO,
          InternetAddress.parse("clerk@town.test, José Núñez <jose@town.test>"));

      send(sink, message, "civicline", "s3cret");

      ReceivedMail mail = sink.awaitMessages(1, WAIT).get(0);
      assertThat(mail.user()).contains("civicline");
      assertThat(mail.envelopeFrom()).isEqualTo("voicemail@town.test");
      assertThat(mail.envelopeTo()).containsExactly("clerk@town.test", "jose@town.test");
      assertThat(mail.subject()).isEqualTo("Nachricht für Jürgen — 1 of 2");
      assertThat(mail.decodedHeader("To")).hasValueSatisfying(to -> to.contains("José Núñez"));
      assertThat(mail.text())
          .isEqualTo("Hola, ¿cómo está?\nLine with a leading dot follows\n. and more");
      assertThat(mail.htmlBody()).contains("<p>日本語のメッセージ</p>");
    }
  }

  @Test
  void decodesBase64AndQuotedPrintableBodies() throws Exception {
    try (SmtpSink sink = SmtpSink.start()) {
      for (String encoding : new String[] {"base64", "quoted-printable"}) {
        MimeMessage message = message(sink, encoding);
        message.setText("Ünïcödé body, long enough " + "x".repeat(100), "UTF-8");
        message.setHeader("Content-Transfer-Encoding", encoding);
        message.setRecipients(Message.RecipientType.TO, "clerk@town.test");
        send(sink, message, null, null);
      }
      assertThat(sink.awaitMessages(2, WAIT))
          .allSatisfy(
              mail -> {
                assertThat(mail.header("Content-Transfer-Encoding")).contains(mail.subject());
                assertThat(mail.text().stripTrailing())
                    .isEqualTo("Ünïcödé body, long enough " + "x".repeat(100));
              });
    }
  }

  @Test
  void wrongPasswordFailsTheLogin() throws Exception {
    try (SmtpSink sink = SmtpSink.requiringLogin("civicline", "s3cret")) {
      MimeMessage message = message(sink, "hello");
      message.setText("body");
      message.setRecipients(Message.RecipientType.TO, "clerk@town.test");

      assertThatThrownBy(() -> send(sink, message, "civicline", "guess"))
          .isInstanceOf(AuthenticationFailedException.class);
      assertThat(sink.messages()).isEmpty();
    }
  }

  @Test
  void failuresReachTheClient() throws Exception {
    try (SmtpSink sink = SmtpSink.start().refuseRecipient("gone@town.test")) {
      MimeMessage message = message(sink, "hello");
      message.setText("body");
      message.setRecipients(Message.RecipientType.TO, "clerk@town.test");

      sink.failNext(451);
      assertThatThrownBy(() -> send(sink, message, null, null))
          .isInstanceOf(MessagingException.class)
          .hasMessageContaining("451");

      message.setRecipients(Message.RecipientType.TO, "gone@town.test");
      assertThatThrownBy(() -> send(sink, message, null, null))
          .isInstanceOf(SendFailedException.class);
      assertThat(sink.messages()).isEmpty();
    }
  }

  private static MimeMessage message(SmtpSink sink, String subject) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", sink.host());
    properties.put("mail.smtp.port", String.valueOf(sink.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(new InternetAddress("voicemail@town.test"));
    message.setSubject(subject, "UTF-8");
    return message;
  }

  private static void send(SmtpSink sink, MimeMessage message, String user, String password)
      throws MessagingException {
    if (user != null) {
      message.getSession().getProperties().put("mail.smtp.auth", "true");
    }
    Transport.send(message, user, password);
  }
}
