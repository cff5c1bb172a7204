package io.civicline.ops.voicemail;

import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.voicemail.retention.RetentionPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each mailbox's retention policy, from its settings document ({@code retention:
 * {keepDaysAfterHandled, keepDaysAfterReceived}}). A mailbox without one keeps everything.
 */
public final class MailboxPolicies {
  private final DocumentStore store;

  public MailboxPolicies(DocumentStore store) {
    this.store = store;
  }

  /** Policies by mailbox ({@code department:clerk}). */
  public Future<Map<String, RetentionPolicy>> of(String tenant) {
    return store
        .list(tenant, VoicemailNotices.MAILBOXES, null, 200)
        .map(
            page -> {
              Map<String, RetentionPolicy> policies = new HashMap<>();
              for (Stored mailbox : page.items()) {
                JsonObject retention = mailbox.body().getJsonObject("retention");
                if (retention != null) {
                  policies.put(mailboxOf(mailbox.id()), policy(retention));
                }
              }
              return policies;
            });
  }

  /** {@code department-clerk} names the mailbox {@code department:clerk}. */
  static String mailboxOf(String id) {
    int dash = id.indexOf('-');
    return id.substring(0, dash) + ":" + id.substring(dash + 1);
  }

  static RetentionPolicy policy(JsonObject retention) {
    return new RetentionPolicy(
        days(retention, "keepDaysAfterHandled"), days(retention, "keepDaysAfterReceived"));
  }

  private static Optional<Duration> days(JsonObject retention, String field) {
    return Optional.ofNullable(retention.getInteger(field)).map(Duration::ofDays);
  }
}
