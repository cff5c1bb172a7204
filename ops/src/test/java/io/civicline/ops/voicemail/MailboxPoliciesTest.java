package io.civicline.ops.voicemail;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.voicemail.retention.RetentionPolicy;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailboxPoliciesTest {

  @Test
  void settingsIdsNameTheirMailbox() {
    assertThat(MailboxPolicies.mailboxOf("department-clerk")).isEqualTo("department:clerk");
    assertThat(MailboxPolicies.mailboxOf("department-public-works"))
        .isEqualTo("department:public-works");
    assertThat(MailboxPolicies.mailboxOf("staff-maria-gonzalez")).isEqualTo("staff:maria-gonzalez");
  }

  @Test
  void retentionDaysBecomeAPolicy() {
    assertThat(MailboxPolicies.policy(new JsonObject().put("keepDaysAfterHandled", 90)))
        .isEqualTo(new RetentionPolicy(Optional.of(Duration.ofDays(90)), Optional.empty()));
    assertThat(
            MailboxPolicies.policy(
                new JsonObject().put("keepDaysAfterHandled", 30).put("keepDaysAfterReceived", 365)))
        .isEqualTo(
            new RetentionPolicy(
                Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(365))));
  }
}
