package io.civicline.voicemail.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PinHasherTest {
  private static final PinHasher HASHER = new PinHasher();

  @Test
  void hashesInTheDocumentedFormat() {
    String hash = HASHER.hash("482915");
    String[] parts = hash.split("\\$");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(120_000);
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    assertThat(hash).doesNotContain("482915");
  }

  @Test
  void verifiesTheRightPinAndRefusesAWrongOne() {
    String hash = HASHER.hash("482915");
    assertThat(HASHER.verify("482915", hash)).isTrue();
    assertThat(HASHER.verify("482916", hash)).isFalse();
    assertThat(HASHER.verify("4829150", hash)).isFalse();
    assertThat(HASHER.verify("", hash)).isFalse();
    assertThat(HASHER.verify(null, hash)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(HASHER.hash("482915")).isNotEqualTo(HASHER.hash("482915"));
  }

  @Test
  void verifiesHashesMadeWithOtherIterationCounts() {
    PinHasher stronger = new PinHasher(250_000);
    String old = HASHER.hash("482915");
    assertThat(stronger.verify("482915", old)).isTrue();
    assertThat(stronger.needsRehash(old)).isTrue();
    assertThat(HASHER.needsRehash(old)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "482915",
        "pbkdf2-sha256$210000$c2FsdA==",
        "pbkdf2-sha256$abc$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$210000$!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "pbkdf2-sha1$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "bcrypt$2a$10$abcdefghijklmnopqrstuv",
        "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$x"
      })
  void refusesMalformedOrUnknownHashesWithoutThrowing(String stored) {
    assertThat(HASHER.verify("482915", stored)).isFalse();
    assertThat(HASHER.needsRehash(stored)).isTrue();
    assertThat(PinHasher.isWellFormed(stored)).isFalse();
  }

  @Test
  void refusesTooFewIterations() {
    assertThatThrownBy(() -> new PinHasher(100_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
