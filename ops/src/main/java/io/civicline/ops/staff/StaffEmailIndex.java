package io.civicline.ops.staff;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.ops.directory.TenantRoutes;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
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
  private static final int PAGE = 200;

  private final DocumentStore store;
  private final Redis redis;

  public StaffEmailIndex(DocumentStore store, Redis redis) {
    this.store = store;
    this.redis = redis;
  }

  /** Set once every member stored before the index is indexed: later starts read nothing. */
  static final String DONE = io.civicline.core.redis.Keys.platform("staff-email-index");

  private final java.util.concurrent.atomic.AtomicInteger failed =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Indexes every town's unindexed members, once per deployment; answers how many were indexed (0
   * on every start after the one that finished it).
   */
  public Future<Integer> backfill() {
    return redis
        .send(Request.cmd(Command.EXISTS).arg(DONE))
        .compose(
            done ->
                done.toInteger() == 1
                    ? Future.succeededFuture(0)
                    : indexAll().compose(this::finish));
  }

  /** Marks the backfill done, unless a member could not be indexed (the next start retries). */
  private Future<Integer> finish(int indexed) {
    if (failed.get() > 0) {
      return Future.succeededFuture(indexed);
    }
    return redis.send(Request.cmd(Command.SET).arg(DONE).arg("1")).map(indexed);
  }

  private Future<Integer> indexAll() {
    return redis
        .send(Request.cmd(Command.ZRANGE).arg(TenantRoutes.registryKey()).arg(0).arg(-1))
        .compose(
            tenants -> {
              List<Future<Integer>> towns = new ArrayList<>();
              for (Response tenant : tenants) {
                towns.add(backfill(tenant.toString(), null));
              }
              return Future.all(towns)
                  .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
            })
        .onSuccess(
            indexed -> {
              if (indexed > 0) {
                LOG.atInfo().addKeyValue("staff", indexed).log("staff emails indexed for sign-in");
              }
            });
  }

  private Future<Integer> backfill(String tenant, String cursor) {
    return store
        .list(tenant, StaffMember.COLLECTION, cursor, PAGE)
        .compose(
            page -> {
              Future<Integer> here = Future.succeededFuture(0);
              for (Stored member : page.items()) {
                here = here.compose(count -> index(tenant, member).map(done -> count + done));
              }
              return here.compose(
                  count ->
                      page.next().isPresent()
                          ? backfill(tenant, page.next().get()).map(more -> count + more)
                          : Future.succeededFuture(count));
            });
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
    StaffMember parsed =
        StaffMember.parse(
            member.id(),
            io.civicline.core.validation.ObjectReader.root(
                member.body().copy(), new io.civicline.core.validation.FieldErrors()));
    if (parsed == null) {
      return Future.succeededFuture(0);
    }
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
        .map(1)
        .recover(
            failure -> {
              failed.incrementAndGet();
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("staffId", member.id())
                  .setCause(failure)
                  .log("could not index a staff member's email");
              return Future.succeededFuture(0);
            });
  }
}
