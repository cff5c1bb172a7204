package io.civicline.mobileapi.auth;

/**
 * Cost of one Argon2id hash. Stored with every hash, so raising them later upgrades each password
 * at its owner's next sign-in while old hashes still verify.
 *
 * @param memoryKiB memory in KiB (OWASP's floor for Argon2id is 19 MiB = 19456 KiB)
 * @param iterations passes over the memory (at least 2)
 * @param parallelism lanes; 1, because a sign-in should use one core and leave the rest to calls
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
  /** OWASP's recommended minimum for Argon2id. */
  public static final Argon2Parameters RECOMMENDED = new Argon2Parameters(19 * 1024, 2, 1);

  public Argon2Parameters {
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("impossible Argon2 parameters");
    }
  }

  /** Whether a hash made with {@code this} is weaker than one made with {@code target}. */
  public boolean weakerThan(Argon2Parameters target) {
    return memoryKiB < target.memoryKiB
        || iterations < target.iterations
        || parallelism != target.parallelism;
  }
}
