package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff members of a town's directory, as sign-in needs them. */
public final class StaffDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(StaffDirectory.class);
  private static final int PAGE = 200;

  private final DocumentStore store;

  public StaffDirectory(DocumentStore store) {
    this.store = store;
  }

  public Future<Optional<StaffMember>> byId(String tenant, String staffId) {
    return store
        .get(tenant, StaffMember.COLLECTION, staffId)
        .map(stored -> stored.flatMap(StaffDirectory::decode));
  }

  /**
   * The staff member of the town with this email (compared without case), or empty when none has
   * it: one lookup in the directory's unique {@code staff-email} index.
   */
  public Future<Optional<StaffMember>> byEmail(String tenant, String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    return store
        .holder(tenant, StaffMember.EMAIL_CONSTRAINT, wanted)
        .compose(
            holder ->
                holder.isEmpty()
                    ? Future.succeededFuture(Optional.<StaffMember>empty())
                    : byId(tenant, holder.get()))
        // the index and the record are written together; checked anyway, it costs nothing
        .map(
            found ->
                found.filter(s -> s.email().map(e -> e.equalsIgnoreCase(wanted)).orElse(false)));
  }

  /** Every readable staff member of the town (tens to hundreds). */
  public Future<List<StaffMember>> all(String tenant) {
    return all(tenant, null, new ArrayList<>());
  }

  private Future<List<StaffMember>> all(String tenant, String cursor, List<StaffMember> found) {
    return store
        .list(tenant, StaffMember.COLLECTION, cursor, PAGE)
        .compose(
            page -> {
              page.items().forEach(stored -> decode(stored).ifPresent(found::add));
              return page.next().isPresent()
                  ? all(tenant, page.next().get(), found)
                  : Future.succeededFuture(found);
            });
  }

  private static Optional<StaffMember> decode(Stored stored) {
    FieldErrors errors = new FieldErrors();
    StaffMember staff = StaffMember.parse(stored.id(), ObjectReader.root(stored.body(), errors));
    if (staff == null) {
      LOG.atWarn().addKeyValue("staffId", stored.id()).log("unreadable staff document skipped");
    }
    return Optional.ofNullable(staff);
  }
}
