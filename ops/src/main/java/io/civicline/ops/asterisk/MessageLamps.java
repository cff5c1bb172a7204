package io.civicline.ops.asterisk;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message-waiting lamps on desk phones follow the voicemail state: a staff member's mailbox with
 * new messages lights their phone ({@code <extension>@<town>}, as pjsip.conf's {@code mailboxes=}
 * names it). Each sync reads the new-message counts of a town and sends only lamps that changed
 * since the last sync that reached the phone system; {@link #forget} makes the next sync send every
 * lamp again (after Asterisk reconnected and may have restarted).
 */
public final class MessageLamps {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLamps.class);
  static final String STAFF_MAILBOX = "staff:";

  /** Sets one lamp on the phone system. */
  @FunctionalInterface
  public interface LampSwitch {
    Future<Void> set(String mailbox, int newMessages);
  }

  private final Function<String, Future<Map<String, Long>>> newCounts;
  private final Function<String, Future<Map<String, String>>> extensions;
  private final Map<String, Integer> shown = new HashMap<>();

  /**
   * @param newCounts a town's new-message count by mailbox ({@code staff:<id>}, ...)
   * @param extensions a town's desk-phone extension by staff id
   */
  public MessageLamps(
      Function<String, Future<Map<String, Long>>> newCounts,
      Function<String, Future<Map<String, String>>> extensions) {
    this.newCounts = newCounts;
    this.extensions = extensions;
  }

  /** Brings the lamps of {@code tenants} in line with their mailboxes. */
  public synchronized Future<Void> sync(List<String> tenants, LampSwitch lamps) {
    Future<Void> chain = Future.succeededFuture();
    for (String tenant : tenants) {
      chain = chain.compose(v -> sync(tenant, lamps));
    }
    return chain;
  }

  /** Forgets what the lamps show, so the next sync sets each of them. */
  public synchronized void forget(List<String> tenants) {
    tenants.forEach(tenant -> shown.keySet().removeIf(mailbox -> mailbox.endsWith("@" + tenant)));
  }

  private Future<Void> sync(String tenant, LampSwitch lamps) {
    return Future.all(newCounts.apply(tenant), extensions.apply(tenant))
        .compose(
            both -> {
              Map<String, Long> counts = both.resultAt(0);
              Map<String, String> phones = both.resultAt(1);
              Future<Void> chain = Future.succeededFuture();
              for (Map.Entry<String, String> phone : phones.entrySet()) {
                String mailbox = phone.getValue() + "@" + tenant;
                int count =
                    (int) Math.max(0, counts.getOrDefault(STAFF_MAILBOX + phone.getKey(), 0L));
                chain = chain.compose(v -> switchIfChanged(mailbox, count, lamps));
              }
              return chain;
            });
  }

  private Future<Void> switchIfChanged(String mailbox, int count, LampSwitch lamps) {
    synchronized (this) {
      if (shown.containsKey(mailbox) && shown.get(mailbox) == count) {
        return Future.succeededFuture();
      }
    }
    return lamps
        .set(mailbox, count)
        .onSuccess(
            v -> {
              synchronized (this) {
                shown.put(mailbox, count);
              }
            })
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("mailbox", mailbox)
                  .setCause(failure)
                  .log("could not set a message-waiting lamp; retried at the next sync");
              return Future.succeededFuture();
            });
  }
}
