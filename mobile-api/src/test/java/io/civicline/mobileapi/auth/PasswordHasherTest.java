package io.civicline.mobileapi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(Argon2Parameters.RECOMMENDED);

  @Test
  void hashesWithArgon2idAndCarriesItsParameters() {
    String hash = hasher.hash("correct horse battery");

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hash).doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void saltsEveryHashAnew() {
    assertThat(hasher.hash("same password 1")).isNotEqualTo(hasher.hash("same password 1"));
  }

  @Test
  void oldParametersStillVerifyButAskForARehash() {
    PasswordHasher old = new PasswordHasher(new Argon2Parameters(1024, 1, 1));
    String weak = old.hash("long enough pass 1");

    assertThat(hasher.verify("long enough pass 1", weak)).isTrue();
    assertThat(hasher.needsRehash(weak)).isTrue();
    assertThat(hasher.needsRehash(hasher.hash("long enough pass 1"))).isFalse();
  }

  @Test
  void unreadableHashesNeverMatch() {
    assertThat(hasher.verify("x", null)).isFalse();
    assertThat(hasher.verify("x", "")).isFalse();
    assertThat(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"))
        .isFalse();
    assertThat(hasher.verify("x", "plain text password")).isFalse();
    assertThat(hasher.needsRehash("garbage")).isTrue();
  }
}
