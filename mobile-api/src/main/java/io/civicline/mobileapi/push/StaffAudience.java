package io.civicline.mobileapi.push;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The staff members an event's audience names: those named directly, and for departments or the
 * whole town, the members the directory has now. Reads the town's staff list only when departments
 * or everyone are named (tens to hundreds of members, a few events a minute).
 */
final class StaffAudience {
  private static final int PAGE = 200;

  private final DocumentStore store;

  StaffAudience(DocumentStore store) {
    this.store = store;
  }

  Future<Set<String>> resolve(String tenant, StaffEvent.Audience audience) {
    Set<String> staff = new LinkedHashSet<>(audience.staff());
    if (audience.departments().isEmpty() && !audience.everyone()) {
      return Future.succeededFuture(staff);
    }
    return collect(tenant, audience, null, staff);
  }

  private Future<Set<String>> collect(
      String tenant, StaffEvent.Audience audience, String cursor, Set<String> found) {
    return store
        .list(tenant, StaffMember.COLLECTION, cursor, PAGE)
        .compose(
            page -> {
              for (Stored stored : page.items()) {
                StaffMember member =
                    StaffMember.parse(
                        stored.id(), ObjectReader.root(stored.body(), new FieldErrors()));
                if (member != null
                    && audience.includes(member.id(), new HashSet<>(member.departmentIds()))) {
                  found.add(member.id());
                }
              }
              return page.next().isPresent()
                  ? collect(tenant, audience, page.next().get(), found)
                  : Future.succeededFuture(found);
            });
  }
}
