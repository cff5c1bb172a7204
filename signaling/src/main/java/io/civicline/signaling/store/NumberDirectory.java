package io.civicline.signaling.store;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.store.DocumentStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Optional;

/** Which town and flow answer a number that was called or texted. */
public final class NumberDirectory {
  private final NumberRegistry registry;
  private final DocumentStore store;
  private final Redis redis;

  public NumberDirectory(NumberRegistry registry, DocumentStore store, Redis redis) {
    this.registry = registry;
    this.store = store;
    this.redis = redis;
  }

  /** A number's owner and the flow that answers it (none when the town set no flow yet). */
  public record Answering(String tenant, String numberId, Optional<String> flowId) {}

  public Future<Optional<Answering>> lookup(String e164) {
    return registry
        .owner(e164)
        .compose(
            owner -> {
              if (owner.isEmpty()) {
                return Future.succeededFuture(Optional.<Answering>empty());
              }
              String tenant = owner.get();
              Request id =
                  Request.cmd(Command.HGET)
                      .arg(DocumentStore.uniqueKey(tenant, PhoneNumber.NUMBER_CONSTRAINT))
                      .arg(e164);
              return redis
                  .send(id)
                  .compose(
                      numberId ->
                          numberId == null
                              ? Future.succeededFuture(Optional.<Answering>empty())
                              : store
                                  .get(tenant, PhoneNumber.COLLECTION, numberId.toString())
                                  .map(
                                      doc ->
                                          doc.map(
                                              d ->
                                                  new Answering(
                                                      tenant,
                                                      d.id(),
                                                      Optional.ofNullable(
                                                          d.body().getString("flowId"))))));
            });
  }
}
