package io.civicline.ops.voicemail;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.store.DocumentStore;
import io.civicline.voicemail.notify.EmailNotifier;
import io.civicline.voicemail.pin.Lockout;
import io.civicline.voicemail.pin.LockoutListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a town's administrators (staff with the {@code admin} role, else supervisors) by email that
 * a voicemail PIN lockout happened: which mailbox, from which number, until when. The PIN is never
 * part of it. Sent beside the call; a failure is logged, the lockout stands regardless.
 */
public final class LockoutAlerts implements LockoutListener {
  private static final Logger LOG = LoggerFactory.getLogger(LockoutAlerts.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a z", Locale.US);

  private final DocumentStore store;
  private final EmailNotifier email;

  public LockoutAlerts(DocumentStore store, EmailNotifier email) {
    this.store = store;
    this.email = email;
  }

  @Override
  public void onLockout(Lockout lockout) {
    alert(lockout)
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", lockout.tenant())
                    .setCause(failure)
                    .log("could not send a lockout alert"));
  }

  /** Sends the alert; answers how many people it went to. */
  public Future<Integer> alert(Lockout lockout) {
    Future<ZoneId> zone =
        store
            .get(lockout.tenant(), Tenant.COLLECTION, lockout.tenant())
            .map(
                t ->
                    t.map(s -> ZoneId.of(s.body().getString("timeZone"))).orElse(ZoneId.of("UTC")));
    return Future.all(zone, admins(lockout.tenant()))
        .compose(
            both -> {
              List<String> to = both.resultAt(1);
              if (to.isEmpty()) {
                LOG.atWarn()
                    .addKeyValue("tenant", lockout.tenant())
                    .log("voicemail PIN lockout, and no admin email to tell");
                return Future.succeededFuture(0);
              }
              ZoneId town = both.resultAt(0);
              String until = TIME.format(lockout.until().atZone(town));
              String subject = "Voicemail PIN lockout for mailbox " + lockout.mailbox();
              String text =
                  "Too many wrong PINs were entered for voicemail mailbox "
                      + lockout.mailbox()
                      + " from "
                      + lockout.callerNumber()
                      + ". Access by phone is locked until "
                      + until
                      + ".\nIf this was not a staff member, consider changing the mailbox PIN.";
              return email.alert(subject, text, to).map(to.size());
            });
  }

  private Future<List<String>> admins(String tenant) {
    return store
        .list(tenant, StaffMember.COLLECTION, null, 200)
        .map(
            page -> {
              List<String> admins = emailsWithRole(page.items(), "admin");
              return admins.isEmpty() ? emailsWithRole(page.items(), "supervisor") : admins;
            });
  }

  private static List<String> emailsWithRole(
      List<io.civicline.core.store.Stored> staff, String role) {
    return staff.stream()
        .filter(s -> s.body().getJsonArray("roles", new JsonArray()).contains(role))
        .map(s -> s.body().getString("email"))
        .filter(e -> e != null && !e.isBlank())
        .toList();
  }
}
