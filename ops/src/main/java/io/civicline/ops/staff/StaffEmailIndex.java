package io.civicline.ops.staff;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.ops.upgrade.Backfill;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff sign in by email through the directory's unique {@code staff-email} index. Members written
 * before the index existed are indexed at start: each is rewritten unchanged, which claims their
 * email. Once every member is indexed the deployment remembers it, and later starts skip the work
 * (members written since claim their email as they are written). Two members who already share an
 * email keep it; the first one listed is indexed, and the other is logged for an admin to correct.
 */
public final class StaffEmailIndex {
  private static final Logger LOG = LoggerFactory.getLogger(StaffEmailIndex.class);
  static final String NAME = "staff-email-index";

  private final DocumentStore store;
  private final Redis redis;

  public StaffEmailIndex(DocumentStore store, Redis redis) {
    this.store = store;
    this.redis = redis;
  }

  /**
   * Indexes every town's unindexed members, once per deployment; answers how many were indexed (0
   * on every start after the one that finished it).
   */
  public Future<Integer> backfill() {
    return new Backfill(store, redis, NAME, StaffMember.COLLECTION, this::index).run();
  }

  /** 1 when the member's email was claimed now, 0 when it already was or they have none. */
  private Future<Integer> index(String tenant, Stored member) {
    Optional<String> email =
        Optional.ofNullable(member.body().getString("email")).map(e -> e.toLowerCase(Locale.ROOT));
    if (email.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return store
        .holder(tenant, StaffMember.EMAIL_CONSTRAINT, email.get())
        .compose(
            holder -> {
              if (holder.isPresent()) {
                if (!holder.get().equals(member.id())) {
                  LOG.atWarn()
                      .addKeyValue("tenant", tenant)
                      .addKeyValue("staffId", member.id())
                      .addKeyValue("sharesEmailWith", holder.get())
                      .log(
                          "staff member shares an email and cannot sign in by it; give them their own");
                }
                return Future.succeededFuture(0);
              }
              return rewrite(tenant, member);
            });
  }

  private Future<Integer> rewrite(String tenant, Stored member) {
    StaffMember parsed = member.parsed(StaffMember::parse);
    return store
        .replace(
            new DocumentStore.Write(
                tenant,
                StaffMember.COLLECTION,
                member.id(),
                member.body(),
                parsed.references(),
                parsed.uniqueValues(),
                Actor.SYSTEM),
            member.version())
        .map(1);
  }
}
