package io.civicline.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.directory.CalendarRef.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarRefTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "shared:us-federal, SHARED, us-federal",
    "town-hall, TENANT, town-hall",
    "shared:maine, SHARED, maine"
  })
  void parsesAndPrintsTheSameText(String text, Scope scope, String id) {
    CalendarRef ref = CalendarRef.parse(text);

    assertThat(ref).isEqualTo(new CalendarRef(scope, id));
    assertThat(ref.toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"", "shared:", "Shared:us-federal", "tenant:town-hall", "Town Hall", "-x"})
  void refusesTextThatNamesNoCalendar(String text) {
    assertThat(CalendarRef.problem(text)).isNotNull();
    assertThatThrownBy(() -> CalendarRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
