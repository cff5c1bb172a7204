package io.civicline.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WeeklyHoursTest {
  private static final WeeklyHours TOWN_HALL =
      read(
          """
          {"monday": [{"open": "08:30", "close": "12:00"}, {"open": "13:00", "close": "16:30"}],
           "friday": [{"open": "08:30", "close": "12:00"}],
           "saturday": [{"open": "20:00", "close": "24:00"}]}
          """);

  static Stream<Path> goodFiles() {
    return Fixtures.jsonFiles("weekly-hours/good");
  }

  static Stream<Path> badFiles() {
    return Fixtures.jsonFiles("weekly-hours/bad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void readsGoodHoursAndWritesThemBackUnchanged(Path file) {
    WeeklyHours hours = read(Fixtures.json(file));

    assertThat(read(hours.toJson())).isEqualTo(hours);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void reportsEveryProblemOfBadHoursWithItsPointer(Path file) {
    FieldErrors errors = new FieldErrors();

    WeeklyHours hours = WeeklyHours.fromJson(ObjectReader.root(Fixtures.json(file), errors));

    assertThat(hours).isNull();
    assertThat(errors.list()).containsExactlyInAnyOrderElementsOf(Fixtures.expectedErrors(file));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // 2026-03-02 is a Monday
    "2026-03-02T08:29, false",
    "2026-03-02T08:30, true",
    "2026-03-02T11:59:59, true",
    "2026-03-02T12:00, false",
    "2026-03-02T12:30, false",
    "2026-03-02T13:00, true",
    "2026-03-02T16:30, false",
    "2026-03-03T10:00, false",
    "2026-03-06T10:00, true",
    "2026-03-07T19:59, false",
    "2026-03-07T20:00, true",
    "2026-03-07T23:59:59.999999999, true",
    "2026-03-08T00:00, false"
  })
  void tellsWhetherItIsOpen(LocalDateTime localTime, boolean open) {
    assertThat(TOWN_HALL.isOpen(localTime)).isEqualTo(open);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void keepsEachDaysRangesInOrder(Path file) {
    WeeklyHours hours = read(Fixtures.json(file));

    hours
        .days()
        .values()
        .forEach(
            ranges ->
                assertThat(ranges).isSortedAccordingTo((a, b) -> a.open().compareTo(b.open())));
  }

  private static WeeklyHours read(String json) {
    return read(new JsonObject(json));
  }

  private static WeeklyHours read(JsonObject json) {
    FieldErrors errors = new FieldErrors();
    WeeklyHours hours = WeeklyHours.fromJson(ObjectReader.root(json, errors));
    errors.throwIfAny();
    return hours;
  }
}
