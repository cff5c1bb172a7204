package io.civicline.ops.flows;

import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Every document of one of a tenant's collections, page by page (towns hold a few hundred). */
final class TenantIds {
  private static final int PAGE = 200;

  private TenantIds() {}

  static Future<List<Stored>> all(DocumentStore store, String tenant, String collection) {
    return page(store, tenant, collection, null, new ArrayList<>());
  }

  private static Future<List<Stored>> page(
      DocumentStore store, String tenant, String collection, String cursor, List<Stored> found) {
    return store
        .list(tenant, collection, cursor, PAGE)
        .compose(
            page -> {
              found.addAll(page.items());
              return page.next().isPresent()
                  ? page(store, tenant, collection, page.next().get(), found)
                  : Future.succeededFuture(found);
            });
  }
}
