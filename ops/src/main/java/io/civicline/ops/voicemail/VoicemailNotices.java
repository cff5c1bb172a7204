package io.civicline.ops.voicemail;

import io.civicline.core.directory.Department;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.notify.NoticeDetails;
import io.civicline.voicemail.notify.VoicemailNotice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Describes a new message for its notification from the directory: the town's name and time zone,
 * the mailbox's name, and who to tell — the mailbox's {@code notify} list (staff ids or addresses)
 * when its settings name one, else the department's staff or the staff member themself.
 */
public final class VoicemailNotices implements NoticeDetails {
  static final String MAILBOXES = "mailboxes";

  private final DocumentStore store;
  private final String linkBase;

  public VoicemailNotices(DocumentStore store, String linkBase) {
    this.store = store;
    this.linkBase = linkBase;
  }

  /** {@code department:clerk} is stored as {@code department-clerk}. */
  static String mailboxId(String mailbox) {
    return mailbox.replace(':', '-');
  }

  @Override
  public Future<Optional<Delivery>> describe(String tenant, VoicemailMessage message) {
    String[] owner = message.mailbox().split(":", 2);
    boolean department = owner[0].equals("department");
    Future<Optional<Stored>> town = store.get(tenant, Tenant.COLLECTION, tenant);
    Future<Optional<Stored>> settings = store.get(tenant, MAILBOXES, mailboxId(message.mailbox()));
    Future<Optional<Stored>> ownerDoc =
        store.get(tenant, department ? Department.COLLECTION : StaffMember.COLLECTION, owner[1]);
    return Future.all(town, settings, ownerDoc)
        .compose(
            done -> {
              if (town.result().isEmpty()) {
                return Future.succeededFuture(Optional.<Delivery>empty());
              }
              String mailboxName =
                  settings
                      .result()
                      .map(s -> s.body().getString("name"))
                      .or(() -> ownerDoc.result().map(d -> d.body().getString("name")))
                      .orElse(message.mailbox());
              return recipients(tenant, message.mailbox(), department, owner[1], settings.result())
                  .map(
                      to ->
                          Optional.of(
                              new Delivery(
                                  notice(tenant, town.result().get(), mailboxName, message), to)));
            });
  }

  private VoicemailNotice notice(
      String tenant, Stored town, String mailboxName, VoicemailMessage message) {
    return new VoicemailNotice(
        tenant,
        town.body().getString("name"),
        message.mailbox(),
        mailboxName,
        message.id(),
        message.from(),
        message.receivedAt(),
        ZoneId.of(town.body().getString("timeZone")),
        message.seconds(),
        message.language(),
        message.transcript(),
        URI.create(
            linkBase
                + "/api/v1/tenants/"
                + tenant
                + "/mailboxes/"
                + mailboxId(message.mailbox())
                + "/messages/"
                + message.id()));
  }

  private Future<List<String>> recipients(
      String tenant,
      String mailbox,
      boolean department,
      String ownerId,
      Optional<Stored> settings) {
    JsonArray named =
        settings.map(s -> s.body().getJsonArray("notify", new JsonArray())).orElse(new JsonArray());
    if (!named.isEmpty()) {
      return emailsOf(tenant, named.stream().map(String::valueOf).toList());
    }
    if (!department) {
      return emailsOf(tenant, List.of(ownerId));
    }
    return departmentStaff(tenant, ownerId).compose(staff -> emailsOf(tenant, staff));
  }

  /** Addresses as they are; staff ids become their email, when they have one. */
  private Future<List<String>> emailsOf(String tenant, List<String> names) {
    List<Future<Optional<String>>> lookups = new ArrayList<>();
    for (String name : names) {
      lookups.add(
          name.contains("@")
              ? Future.succeededFuture(Optional.of(name))
              : store
                  .get(tenant, StaffMember.COLLECTION, name)
                  .map(s -> s.map(d -> d.body().getString("email"))));
    }
    return Future.all(lookups)
        .map(
            done ->
                lookups.stream()
                    .map(f -> f.result().orElse(null))
                    .filter(e -> e != null && !e.isBlank())
                    .distinct()
                    .toList());
  }

  private Future<List<String>> departmentStaff(String tenant, String department) {
    return store
        .list(tenant, StaffMember.COLLECTION, null, 200)
        .map(
            page ->
                page.items().stream()
                    .filter(
                        s ->
                            s.body()
                                .getJsonArray("departmentIds", new JsonArray())
                                .contains(department))
                    .map(Stored::id)
                    .toList());
  }
}
