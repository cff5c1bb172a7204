package io.civicline.ops.directory;

import io.civicline.core.store.DocumentStore;

/** Where objects live: one tenant, or the platform (shared calendars). */
public record Scope(String id) {
  public static final Scope PLATFORM = new Scope(DocumentStore.PLATFORM);

  public static Scope tenant(String tenantId) {
    return new Scope(tenantId);
  }

  public boolean isPlatform() {
    return DocumentStore.PLATFORM.equals(id);
  }
}
