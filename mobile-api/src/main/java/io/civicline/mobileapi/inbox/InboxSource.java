package io.civicline.mobileapi.inbox;

import io.civicline.core.store.Actor;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One kind of item in departments' inboxes (voicemail, text threads), as the module that keeps it
 * stores it. The staff API merges the sources and checks membership; a source only reads and
 * writes.
 */
public interface InboxSource {
  /** The {@link InboxItem#kind()} of every item this source gives. */
  String kind();

  /**
   * The department's items that match {@code query}, in {@link InboxItem#NEWEST_FIRST} order,
   * strictly after {@code after} when given; at most {@code limit}.
   */
  Future<List<InboxItem>> list(
      String tenant, String department, InboxQuery query, Optional<InboxPosition> after, int limit);

  /** An item of any department of the town; empty when there is none with this id. */
  Future<Optional<InboxItem>> get(String tenant, String id);

  /**
   * Applies {@code change}, audited as done by {@code actor}, if the item is at {@code
   * expectedVersion} (when given); answers the item as it is then. Fails with {@link
   * io.civicline.core.store.StoreException.VersionMismatch} when it is not, and {@link
   * io.civicline.core.store.StoreException.NotFound} when it is gone.
   */
  Future<InboxItem> change(
      String tenant, String id, InboxChange change, OptionalLong expectedVersion, Actor actor);
}
