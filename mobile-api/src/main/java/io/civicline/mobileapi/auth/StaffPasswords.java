package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What administrators and staff do with staff passwords. Setting one ends the member's sessions
 * everywhere (a reset usually follows a lost phone or a suspected leak, and the old sessions may be
 * the attacker's) and lifts a lockout of their email. A member changing their own proves the
 * current one first, counted like sign-in attempts, so an unlocked phone is no way to guess it.
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
            staff ->
                replace(tenant, staff, password, "#/password")
                    .compose(ended -> clearLockout(tenant, staff)))
        .onSuccess(
            v ->
                LOG.atInfo()
                    .addKeyValue("tenant", tenant)
                    .addKeyValue("staffId", staffId)
                    .log("staff password set; sessions revoked"));
  }

  /**
   * A member changes their own password: {@code current} must be theirs ({@link
   * InvalidInputException} at {@code #/currentPassword} otherwise; {@link TooManyAttempts} once
   * sign-in for them is locked), {@code fresh} must pass the policy ({@code #/newPassword}). Every
   * session ends, the caller's too; the identity answered starts the caller's next one.
   */
  public Future<StaffIdentity> change(
      StaffPrincipal me, String current, String fresh, ClientInfo client) {
    String tenant = me.tenant();
    return member(tenant, me.staffId())
        .compose(
            staff ->
                proveCurrent(tenant, staff, current, client)
                    .compose(v -> replace(tenant, staff, fresh, "#/newPassword"))
                    .map(
                        ended -> {
                          LOG.atInfo()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("staffId", staff.id())
                              .addKeyValue("sessionsEnded", ended)
                              .log("staff member changed their password");
                          return new StaffIdentity(tenant, staff.id(), PasswordSignIn.METHOD);
                        }));
  }

  /**
   * The current password, counted like a sign-in attempt: a wrong one is a failure toward the
   * lockout, the right one clears the count (whatever then becomes of the new password).
   */
  private Future<Void> proveCurrent(
      String tenant, StaffMember staff, String current, ClientInfo client) {
    String account = staff.email().orElse("staff:" + staff.id());
    return throttle
        .attempt(tenant, account, client)
        .compose(
            allowed -> {
              if (!allowed) {
                throw new TooManyAttempts();
              }
              return store.get(tenant, staff.id());
            })
        .compose(
            stored ->
                stored.isEmpty()
                    ? Future.succeededFuture(false)
                    : hashing.verify(current, stored.get()))
        .compose(
            matches -> {
              if (!matches) {
                throw new InvalidInputException(
                    "#/currentPassword", "is not your current password");
              }
              return throttle.succeeded(tenant, account, client);
            });
  }

  /**
   * Stores {@code password} (refused at {@code pointer} when the policy does) and ends every
   * session of the member; answers how many there were.
   */
  private Future<Integer> replace(
      String tenant, StaffMember staff, String password, String pointer) {
    policy
        .problem(password, staff)
        .ifPresent(
            problem -> {
              throw new InvalidInputException(pointer, problem);
            });
    return hashing
        .hash(password)
        .compose(hash -> store.set(tenant, staff.id(), hash))
        .compose(v -> sessions.revokeAll(tenant, staff.id()));
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
