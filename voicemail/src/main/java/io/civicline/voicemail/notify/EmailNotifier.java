package io.civicline.voicemail.notify;

import io.civicline.core.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends voicemail notices as e-mail through an SMTP server: one message, every recipient on its To
 * line, plain text with an HTML alternative. Jakarta Mail blocks, so each send runs on a Vert.x
 * worker thread and never on an event loop; {@link SmtpSettings#timeout()} bounds how long.
 *
 * <p>Logs carry the message id and how many recipients, never the addresses, the body (it may hold
 * a transcript of what a resident said) or the password.
 */
public final class EmailNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

  private final Vertx vertx;
  private final SmtpSettings settings;
  private final Session session;
  private final InternetAddress from;

  public EmailNotifier(Vertx vertx, SmtpSettings settings) {
    this.vertx = Objects.requireNonNull(vertx);
    this.settings = Objects.requireNonNull(settings);
    this.session = Session.getInstance(properties(settings));
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("the sender address is not valid: " + settings.from(), e);
    }
  }

  @Override
  public Future<Void> notify(VoicemailNotice notice, List<String> recipients) {
    List<InternetAddress> to;
    try {
      to = addresses(recipients);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    NoticeEmail email = NoticeEmail.render(notice);
    return vertx
        .<Void>executeBlocking(
            () -> {
              send(email, to);
              return null;
            },
            false)
        .recover(failure -> Future.failedFuture(explain(failure, notice, to.size())))
        .onSuccess(
            sent ->
                LOG.info(
                    "voicemail {} of tenant {} e-mailed to {} recipient(s)",
                    notice.messageId(),
                    notice.tenant(),
                    to.size()));
  }

  /**
   * A short alert in plain words (e.g. a PIN lockout) to the given people; fails the future on SMTP
   * errors like {@link #notify}.
   */
  public Future<Void> alert(String subject, String text, List<String> recipients) {
    List<InternetAddress> to;
    try {
      to = addresses(recipients);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String html =
        "<p>"
            + text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\n", "<br>")
            + "</p>";
    NoticeEmail email = new NoticeEmail(subject.replaceAll("[\r\n]+", " "), text, html);
    return vertx.executeBlocking(
        () -> {
          send(email, to);
          return null;
        },
        false);
  }

  private void send(NoticeEmail email, List<InternetAddress> to) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(new Date());
    // RFC 3834: out-of-office replies should not answer a machine
    message.setHeader("Auto-Submitted", "auto-generated");

    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();

    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(
          settings.host(),
          settings.port(),
          settings.username().orElse(null),
          settings.password().map(Secret::reveal).orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private NotificationException explain(Throwable failure, VoicemailNotice notice, int count) {
    boolean temporary = temporary(failure);
    // Only the reply code or exception type: server replies can quote recipient addresses.
    String reason =
        replyCode(failure).stream()
            .mapToObj(code -> "SMTP reply " + code)
            .findFirst()
            .orElse(failure.getClass().getSimpleName());
    LOG.warn(
        "e-mail for voicemail {} of tenant {} to {} recipient(s) failed, {}: {}",
        notice.messageId(),
        notice.tenant(),
        count,
        temporary ? "temporary" : "permanent",
        reason);
    return new NotificationException(
        "e-mail for voicemail %s failed: %s".formatted(notice.messageId(), failure.getMessage()),
        temporary,
        failure);
  }

  /**
   * Whether trying again later may work: a 4xx reply anywhere in the chain, or the connection
   * failing; 5xx replies and a refused login are permanent.
   */
  static boolean temporary(Throwable failure) {
    OptionalInt code = replyCode(failure);
    if (code.isPresent()) {
      return code.getAsInt() >= 400 && code.getAsInt() < 500;
    }
    if (failure instanceof AuthenticationFailedException) {
      return false;
    }
    for (Throwable t : chain(failure)) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static OptionalInt replyCode(Throwable failure) {
    for (Throwable t : chain(failure)) {
      int code =
          switch (t) {
            case SMTPSendFailedException e -> e.getReturnCode();
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            default -> -1;
          };
      if (code > 0) {
        return OptionalInt.of(code);
      }
    }
    return OptionalInt.empty();
  }

  /** The failure, its causes and Jakarta Mail's "next" exceptions, each once. */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = new HashSet<>();
    List<Throwable> pending = new ArrayList<>(List.of(failure));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      chain.add(t);
      pending.add(t.getCause());
      if (t instanceof MessagingException m) {
        pending.add(m.getNextException());
      }
    }
    return chain;
  }

  private static List<InternetAddress> addresses(List<String> recipients) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a notice needs at least one recipient");
    }
    List<InternetAddress> addresses = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      try {
        addresses.add(new InternetAddress(recipients.get(i), true));
      } catch (AddressException e) {
        // by position, so the message can go into a log without the address
        throw new IllegalArgumentException("recipient " + (i + 1) + " is not an e-mail address");
      }
    }
    return addresses;
  }

  private static Properties properties(SmtpSettings settings) {
    String millis = String.valueOf(settings.timeout().toMillis());
    Properties properties = new Properties();
    properties.put("mail.smtp.host", settings.host());
    properties.put("mail.smtp.port", String.valueOf(settings.port()));
    properties.put("mail.smtp.auth", String.valueOf(settings.username().isPresent()));
    properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
    properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
    properties.put("mail.smtp.ssl.checkserveridentity", "true");
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.writetimeout", millis);
    return properties;
  }
}
