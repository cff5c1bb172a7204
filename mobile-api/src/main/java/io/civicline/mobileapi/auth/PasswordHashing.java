package io.civicline.mobileapi.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@link PasswordHasher} off the event loop, on a pool of its own: hashes are slow on purpose, and
 * a burst of sign-in attempts then waits for this pool instead of starving the workers that file
 * voicemail or send mail. The pool's size also bounds the memory hashes use at once.
 */
public final class PasswordHashing implements AutoCloseable {
  private final java.util.concurrent.atomic.AtomicLong verifications =
      new java.util.concurrent.atomic.AtomicLong();
  private final PasswordHasher hasher;
  private final WorkerExecutor pool;
  private final String dummy;

  public PasswordHashing(Vertx vertx, PasswordHasher hasher, int poolSize) {
    this.hasher = hasher;
    this.pool = vertx.createSharedWorkerExecutor("civicline-argon2", poolSize);
    this.dummy = dummyHash(hasher.parameters());
  }

  public Future<String> hash(String password) {
    return pool.executeBlocking(() -> hasher.hash(password), false);
  }

  public Future<Boolean> verify(String password, String encoded) {
    return pool.executeBlocking(
        () -> {
          verifications.incrementAndGet();
          return hasher.verify(password, encoded);
        },
        false);
  }

  /**
   * Spends the time of one verification and always fails: for unknown accounts and lockouts, so
   * their answers take as long as a wrong password's.
   */
  public Future<Boolean> verifyNothing(String password) {
    return verify(password, dummy).map(ignored -> false);
  }

  /**
   * Argon2 verifications run so far: sign-in must cost one whether or not the account exists, so
   * that timing does not tell them apart (a metric, and what tests check).
   */
  public long verifications() {
    return verifications.get();
  }

  public boolean needsRehash(String encoded) {
    return hasher.needsRehash(encoded);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A well-formed hash of no password at all: random salt and digest, today's parameters. */
  private static String dummyHash(Argon2Parameters p) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    byte[] hash = new byte[32];
    random.nextBytes(salt);
    random.nextBytes(hash);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + p.memoryKiB()
        + ",t="
        + p.iterations()
        + ",p="
        + p.parallelism()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }
}
