package io.civicline.voicemail.mailbox;

import io.civicline.core.redis.Keys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Optional;

/**
 * The PIN hashes of a tenant's mailboxes, one Redis hash per tenant keyed by mailbox address. They
 * live apart from the mailbox settings so no API answer or audit record can carry them. Store only
 * hashes made by {@link io.civicline.voicemail.pin.PinHasher}.
 */
public final class MailboxPins {
  private final Redis redis;

  public MailboxPins(Redis redis) {
    this.redis = redis;
  }

  static String key(String tenant) {
    return Keys.tenant(tenant, "vm", "pins");
  }

  public Future<Void> set(String tenant, String address, String hash) {
    return redis.send(Request.cmd(Command.HSET).arg(key(tenant)).arg(address).arg(hash)).mapEmpty();
  }

  public Future<Optional<String>> get(String tenant, String address) {
    return redis
        .send(Request.cmd(Command.HGET).arg(key(tenant)).arg(address))
        .map(hash -> Optional.ofNullable(hash).map(Object::toString));
  }

  public Future<Void> clear(String tenant, String address) {
    return redis.send(Request.cmd(Command.HDEL).arg(key(tenant)).arg(address)).mapEmpty();
  }
}
