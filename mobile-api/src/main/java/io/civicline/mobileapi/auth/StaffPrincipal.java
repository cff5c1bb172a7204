package io.civicline.mobileapi.auth;

import io.civicline.core.store.Actor;
import java.util.List;

/**
 * The signed-in staff member a request acts for, as its access token says: routes read the tenant
 * from here, never from the request, so staff reach only their own town.
 */
public record StaffPrincipal(String tenant, String staffId, List<String> roles, String sessionId) {
  public StaffPrincipal {
    roles = List.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Who made a change, for the audit trail. */
  public Actor actor() {
    return new Actor("staff:" + staffId, "staff member " + staffId + " (" + tenant + ")");
  }
}
