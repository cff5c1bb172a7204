package io.civicline.core.events;

import io.vertx.core.Future;

/**
 * Where channels and services publish what staff apps show live. Events of a town are kept in order
 * with a sequence every node agrees on, so an app that reconnects asks for what it missed.
 */
@FunctionalInterface
public interface StaffEvents {
  /** Publishes the event; answers its sequence in the town's event log. */
  Future<String> publish(String tenant, StaffEvent event);

  /** For services built without a live staff API (tests, tools): events go nowhere. */
  StaffEvents NONE = (tenant, event) -> Future.succeededFuture("");
}
