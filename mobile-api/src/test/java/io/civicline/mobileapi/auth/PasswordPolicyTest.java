package io.civicline.mobileapi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.StaffMember;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy policy = new PasswordPolicy();
  private final StaffMember ann =
      new StaffMember(
          "ann",
          "Ann Lee",
          "21",
          Optional.of("ann.lee@lakeside.gov"),
          Optional.empty(),
          List.of("agent"),
          List.of(),
          List.of());

  @Test
  void acceptsLongMixedPasswordsAndPassPhrases() {
    assertThat(policy.problem("river-bank-7-ferry", ann)).isEmpty();
    assertThat(policy.problem("correct horse battery staple", ann)).isEmpty();
  }

  @Test
  void refusesShortOneKindOrPersonalPasswords() {
    assertThat(policy.problem("Short-1", ann)).contains("must be at least 12 characters");
    assertThat(policy.problem("onlylettershere", ann)).get().asString().contains("mix");
    assertThat(policy.problem("123456789012", ann)).get().asString().contains("mix");
    assertThat(policy.problem("ab1ab1ab1ab1ab1", ann)).get().asString().contains("different");
    assertThat(policy.problem("ANN.LEE@lakeside.gov1", ann)).get().asString().contains("email");
    assertThat(policy.problem("x".repeat(257) + "1", ann)).get().asString().contains("at most");
  }
}
