package io.civicline.voicemail.pin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PinPolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "482915",
        "7391046",
        "50718263",
        "104729",
        "271839",
        "903418",
        "867530",
        "135792",
        "975318",
        "120034",
        "908172635401",
        "123457",
        "112234"
      })
  void acceptsPinsThatAreNotTrivial(String pin) {
    assertThat(PinPolicy.problem(pin)).isNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "12345, 6 to 12 digits",
    "4829, 6 to 12 digits",
    "4829157391046, 6 to 12 digits",
    "48291a, digits only",
    "482 915, digits only",
    "+48291, digits only",
    "４８２９１５, digits only",
    "000000, one digit repeated",
    "111111, one digit repeated",
    "99999999, one digit repeated",
    "123456, consecutive digits",
    "234567, consecutive digits",
    "123456789012, consecutive digits",
    "890123, consecutive digits",
    "901234, consecutive digits",
    "987654, consecutive digits",
    "654321, consecutive digits",
    "210987, consecutive digits",
    "121212, short pattern",
    "123123, short pattern",
    "696969, short pattern",
    "101010, short pattern",
    "1231231, short pattern",
    "12341234, short pattern",
    "201120112011, short pattern",
    "112233, most common",
    "159753, most common",
    "147258, most common",
    "123321, most common",
    "789456, most common",
    "246810, most common",
    "112358, most common"
  })
  void refusesTrivialPins(String pin, String reason) {
    assertThat(PinPolicy.problem(pin)).contains(reason);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void refusesNoPin(String pin) {
    assertThat(PinPolicy.problem(pin)).contains("6 to 12 digits");
  }
}
