package io.civicline.voicemail.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void toStringHidesThePassword() {
    SmtpSettings settings =
        new SmtpSettings(
            "smtp.lakeside.example",
            587,
            Optional.of("voicemail"),
            Optional.of(Secret.of("hunter2-very-secret")),
            true,
            "voicemail@lakeside.example",
            Duration.ofSeconds(10));
    assertThat(settings.toString())
        .doesNotContain("hunter2")
        .contains("password=***")
        .contains("username=voicemail")
        .contains("smtp.lakeside.example");
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> settings("", 25, Optional.empty(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings("h", 0, Optional.empty(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings("h", 25, Optional.empty(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings("h", 25, Optional.of(Secret.of("pw")), Duration.ofSeconds(1)))
        .hasMessageContaining("needs a username")
        .hasMessageNotContaining("pw");
  }

  private static SmtpSettings settings(
      String host, int port, Optional<Secret> password, Duration timeout) {
    return new SmtpSettings(
        host, port, Optional.empty(), password, false, "voicemail@lakeside.example", timeout);
  }
}
