package io.civicline.ops.upgrade;

import io.civicline.core.redis.Keys;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrade work done once per deployment over every town's documents of one collection, for data
 * written before a version that keeps something new about it (an index, references). A platform
 * marker records that the work finished, so later starts read nothing; a document the work fails on
 * is logged and leaves the marker unset, so the next start tries again.
 */
public final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
  private static final int PAGE = 200;

  /** The work on one document: 1 when it changed it, 0 when the document needed nothing. */
  @FunctionalInterface
  public interface Work {
    Future<Integer> apply(String tenant, Stored document);
  }

  private final DocumentStore store;
  private final Redis redis;
  private final String name;
  private final String collection;
  private final Work work;
  private final AtomicInteger failed = new AtomicInteger();

  /**
   * @param name names the work in logs and its marker ({@code civicline:{platform}:<name>})
   */
  public Backfill(DocumentStore store, Redis redis, String name, String collection, Work work) {
    this.store = store;
    this.redis = redis;
    this.name = name;
    this.collection = collection;
    this.work = work;
  }

  /** The marker of a finished backfill called {@code name}. */
  public static String marker(String name) {
    return Keys.platform(name);
  }

  /** Runs the work unless it finished before; answers how many documents it changed. */
  public Future<Integer> run() {
    return redis
        .send(Request.cmd(Command.EXISTS).arg(marker(name)))
        .compose(
            done ->
                done.toInteger() == 1
                    ? Future.succeededFuture(0)
                    : everyTown().compose(this::finish));
  }

  private Future<Integer> finish(int changed) {
    if (changed > 0) {
      LOG.atInfo().addKeyValue("backfill", name).addKeyValue("changed", changed).log("backfilled");
    }
    if (failed.get() > 0) {
      return Future.succeededFuture(changed);
    }
    return redis.send(Request.cmd(Command.SET).arg(marker(name)).arg("1")).map(changed);
  }

  private Future<Integer> everyTown() {
    return redis
        .send(Request.cmd(Command.ZRANGE).arg(TenantRoutes.registryKey()).arg(0).arg(-1))
        .compose(
            tenants -> {
              List<Future<Integer>> towns = new ArrayList<>();
              for (Response tenant : tenants) {
                towns.add(town(tenant.toString(), null));
              }
              return Future.all(towns)
                  .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
            });
  }

  /** One document after the other, page after page, so a large town does not flood Redis. */
  private Future<Integer> town(String tenant, String cursor) {
    return store
        .list(tenant, collection, cursor, PAGE)
        .compose(
            page -> {
              Future<Integer> here = Future.succeededFuture(0);
              for (Stored document : page.items()) {
                here = here.compose(count -> one(tenant, document).map(done -> count + done));
              }
              return here.compose(
                  count ->
                      page.next().isPresent()
                          ? town(tenant, page.next().get()).map(more -> count + more)
                          : Future.succeededFuture(count));
            });
  }

  private Future<Integer> one(String tenant, Stored document) {
    return work.apply(tenant, document)
        .recover(
            failure -> {
              failed.incrementAndGet();
              LOG.atWarn()
                  .addKeyValue("backfill", name)
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("document", collection + "/" + document.id())
                  .setCause(failure)
                  .log("backfill failed for a document; the next start tries again");
              return Future.succeededFuture(0);
            });
  }
}
