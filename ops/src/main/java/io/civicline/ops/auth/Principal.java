package io.civicline.ops.auth;

import io.civicline.core.store.Actor;
import java.util.Optional;

/** Who is calling: a platform admin (every tenant) or a tenant admin (one tenant). */
public record Principal(String tokenId, String name, Role role, Optional<String> tenant) {

  public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    TENANT_ADMIN("tenant-admin");

    private final String wire;

    Role(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Role> fromWire(String wire) {
      for (Role role : values()) {
        if (role.wire.equals(wire)) {
          return Optional.of(role);
        }
      }
      return Optional.empty();
    }
  }

  public boolean isPlatformAdmin() {
    return role == Role.PLATFORM_ADMIN;
  }

  /** Whether this caller may see and change the given tenant. */
  public boolean mayAccess(String tenantId) {
    return isPlatformAdmin() || tenant.filter(tenantId::equals).isPresent();
  }

  public Actor actor() {
    return new Actor(tokenId, name);
  }
}
