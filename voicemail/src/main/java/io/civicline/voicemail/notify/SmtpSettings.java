package io.civicline.voicemail.notify;

import io.civicline.core.config.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the outgoing mail server.
 *
 * @param username the login, when the server wants one; the password is only used with it
 * @param startTls require STARTTLS (and a server certificate matching {@code host}) before login
 * @param from the sender, e.g. {@code CivicLine Voicemail <voicemail@lakeside.example>}
 * @param timeout for connecting and for each read and write; a send never hangs longer
 */
public record SmtpSettings(
    String host,
    int port,
    Optional<String> username,
    Optional<Secret> password,
    boolean startTls,
    String from,
    Duration timeout) {

  public SmtpSettings {
    Objects.requireNonNull(username);
    Objects.requireNonNull(password);
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the SMTP host is missing");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the SMTP port must be 1 to 65535, not " + port);
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("the sender address is missing");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the SMTP timeout must be positive");
    }
    if (password.isPresent() && username.isEmpty()) {
      throw new IllegalArgumentException("an SMTP password needs a username");
    }
  }

  /** Written out so the password stays hidden even if {@link Secret} ever changed. */
  @Override
  public String toString() {
    return "SmtpSettings[host=%s, port=%d, username=%s, password=%s, startTls=%s, from=%s, timeout=%s]"
        .formatted(
            host,
            port,
            username.orElse("(none)"),
            password.isPresent() ? "***" : "(none)",
            startTls,
            from,
            timeout);
  }
}
