package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What administrators do with staff passwords. Setting one ends the member's sessions everywhere (a
 * reset usually follows a lost phone or a suspected leak, and the old sessions may be the
 * attacker's) and lifts a lockout of their email.
 */
public final class StaffPasswords {
  private static final Logger LOG = LoggerFactory.getLogger(StaffPasswords.class);

  private final StaffDirectory directory;
  private final PasswordStore store;
  private final PasswordHashing hashing;
  private final PasswordPolicy policy;
  private final StaffSessions sessions;
  private final SignInThrottle throttle;

  public StaffPasswords(
      StaffDirectory directory,
      PasswordStore store,
      PasswordHashing hashing,
      PasswordPolicy policy,
      StaffSessions sessions,
      SignInThrottle throttle) {
    this.directory = directory;
    this.store = store;
    this.hashing = hashing;
    this.policy = policy;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /**
   * Sets a staff member's password. Fails with {@link StoreException.NotFound} for an unknown
   * member and {@link InvalidInputException} (pointer {@code #/password}) for a password the policy
   * refuses.
   */
  public Future<Void> setPassword(String tenant, String staffId, String password) {
    return member(tenant, staffId)
        .compose(
            staff -> {
              policy
                  .problem(password, staff)
                  .ifPresent(
                      problem -> {
                        throw new InvalidInputException("#/password", problem);
                      });
              return hashing
                  .hash(password)
                  .compose(hash -> store.set(tenant, staffId, hash))
                  .compose(v -> sessions.revokeAll(tenant, staffId))
                  .compose(v -> clearLockout(tenant, staff))
                  .onSuccess(
                      v ->
                          LOG.atInfo()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("staffId", staffId)
                              .log("staff password set; sessions revoked"));
            });
  }

  /** Turns password sign-in off for a member (e.g. who signs in only by single sign-on). */
  public Future<Void> removePassword(String tenant, String staffId) {
    return member(tenant, staffId)
        .compose(staff -> store.delete(tenant, staffId))
        .compose(v -> sessions.revokeAll(tenant, staffId))
        .mapEmpty();
  }

  /** Ends every session of a member; how many there were. */
  public Future<Integer> revokeAllSessions(String tenant, String staffId) {
    return sessions.revokeAll(tenant, staffId);
  }

  private Future<StaffMember> member(String tenant, String staffId) {
    return directory
        .byId(tenant, staffId)
        .map(
            staff ->
                staff.orElseThrow(
                    () -> new StoreException.NotFound(StaffMember.COLLECTION + "/" + staffId)));
  }

  private Future<Void> clearLockout(String tenant, StaffMember staff) {
    return staff
        .email()
        .map(email -> throttle.clearAccount(tenant, email))
        .orElse(Future.succeededFuture());
  }
}
