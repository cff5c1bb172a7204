package io.civicline.mobileapi.auth;

import io.civicline.core.directory.StaffMember;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with email and password. Every refusal (unknown email, no password set, wrong password,
 * lockout) costs one Argon2 verification and ends in the same {@link InvalidCredentials}, so
 * neither the answer nor its timing tells whether the account exists.
 */
public final class PasswordSignIn implements IdentityProvider<PasswordCredentials> {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordSignIn.class);
  public static final String METHOD = "password";

  private final StaffDirectory directory;
  private final PasswordStore passwords;
  private final PasswordHashing hashing;
  private final SignInThrottle throttle;

  public PasswordSignIn(
      StaffDirectory directory,
      PasswordStore passwords,
      PasswordHashing hashing,
      SignInThrottle throttle) {
    this.directory = directory;
    this.passwords = passwords;
    this.hashing = hashing;
    this.throttle = throttle;
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public Future<StaffIdentity> verify(PasswordCredentials credentials, ClientInfo client) {
    String tenant = credentials.tenant();
    return throttle
        .attempt(tenant, credentials.email(), client)
        .compose(
            allowed -> {
              if (!allowed) {
                LOG.atInfo().addKeyValue("tenant", tenant).log("staff sign-in refused: locked");
                return refuse(credentials);
              }
              return directory
                  .byEmail(tenant, credentials.email())
                  .compose(staff -> check(credentials, staff, client));
            });
  }

  private Future<StaffIdentity> check(
      PasswordCredentials credentials, Optional<StaffMember> staff, ClientInfo client) {
    if (staff.isEmpty()) {
      return refuse(credentials);
    }
    String tenant = credentials.tenant();
    String staffId = staff.get().id();
    return passwords
        .get(tenant, staffId)
        .compose(
            stored -> {
              if (stored.isEmpty()) {
                return refuse(credentials);
              }
              return hashing
                  .verify(credentials.password(), stored.get())
                  .compose(
                      matches -> {
                        if (!matches) {
                          LOG.atInfo()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("staffId", staffId)
                              .log("staff sign-in refused: wrong password");
                          return Future.failedFuture(new InvalidCredentials());
                        }
                        return throttle
                            .succeeded(tenant, credentials.email(), client)
                            .compose(v -> upgrade(credentials, staffId, stored.get()))
                            .map(v -> new StaffIdentity(tenant, staffId, METHOD));
                      });
            });
  }

  /** Rehashes with today's parameters when the stored hash is older; a failure is only logged. */
  private Future<Void> upgrade(PasswordCredentials credentials, String staffId, String stored) {
    if (!hashing.needsRehash(stored)) {
      return Future.succeededFuture();
    }
    return hashing
        .hash(credentials.password())
        .compose(fresh -> passwords.upgrade(credentials.tenant(), staffId, stored, fresh))
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("staffId", staffId)
                  .setCause(failure)
                  .log("password rehash failed; keeping the old hash");
              return Future.succeededFuture();
            });
  }

  private Future<StaffIdentity> refuse(PasswordCredentials credentials) {
    return hashing
        .verifyNothing(credentials.password())
        .compose(ignored -> Future.failedFuture(new InvalidCredentials()));
  }
}
