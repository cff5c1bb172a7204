package io.civicline.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.InvalidInputException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HolidayCalendarCodecTest {

  static Stream<Path> goodFiles() {
    return Fixtures.jsonFiles("holiday-calendars/good");
  }

  static Stream<Path> badFiles() {
    return Fixtures.jsonFiles("holiday-calendars/bad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void readsGoodCalendarsAndWritesThemBackUnchanged(Path file) {
    HolidayCalendar calendar = HolidayCalendar.fromJson(null, Fixtures.json(file));

    assertThat(HolidayCalendar.fromJson(null, calendar.toJson())).isEqualTo(calendar);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void reportsEveryProblemOfABadCalendarWithItsPointer(Path file) {
    FieldErrors errors = new FieldErrors();

    HolidayCalendar calendar = HolidayCalendar.fromJson(null, Fixtures.json(file), errors);

    assertThat(calendar).isNull();
    assertThat(errors.list()).containsExactlyInAnyOrderElementsOf(Fixtures.expectedErrors(file));
  }

  @Test
  void readsEachKindOfRule() {
    JsonObject json = Fixtures.json(Fixtures.file("holiday-calendars/good/lakeside-town.json"));

    HolidayCalendar calendar = HolidayCalendar.fromJson(null, json);

    assertThat(calendar.id()).isEqualTo("lakeside-town");
    assertThat(calendar.parent()).contains(CalendarRef.shared("us-federal"));
    assertThat(calendar.exclude()).containsExactly("Columbus Day");
    assertThat(calendar.rules())
        .containsExactly(
            new FixedDateRule(
                "Independence Day",
                MonthDay.of(7, 4),
                Observance.NEAREST_WEEKDAY,
                ActiveYears.ALWAYS),
            new NthWeekdayRule(
                "Thanksgiving Day", Month.NOVEMBER, DayOfWeek.THURSDAY, 4, 0, ActiveYears.ALWAYS),
            new NthWeekdayRule(
                "Day after Thanksgiving",
                Month.NOVEMBER,
                DayOfWeek.THURSDAY,
                4,
                1,
                ActiveYears.ALWAYS),
            new EasterRule("Good Friday", -2, ActiveYears.ALWAYS),
            new SpecificDateRule(
                "Snow make-up closure", LocalDate.of(2026, 12, 24), ActiveYears.ALWAYS),
            new FixedDateRule(
                "Juneteenth",
                MonthDay.of(6, 19),
                Observance.NEAREST_WEEKDAY,
                ActiveYears.from(2021)));
  }

  @Test
  void takesTheIdFromTheCallerWhenTheBodyHasNone() {
    JsonObject body = new JsonObject().put("name", "Town Hall");

    HolidayCalendar calendar = HolidayCalendar.fromJson("town-hall", body);

    assertThat(calendar.id()).isEqualTo("town-hall");
    assertThat(calendar.parent()).isEqualTo(Optional.empty());
    assertThat(calendar.rules()).isEmpty();
  }

  @Test
  void acceptsABodyIdOnlyWhenItMatchesTheCallers() {
    JsonObject body = new JsonObject().put("id", "town-hall").put("name", "Town Hall");

    assertThat(HolidayCalendar.fromJson("town-hall", body).id()).isEqualTo("town-hall");
    assertThatThrownBy(() -> HolidayCalendar.fromJson("library", body))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).errors())
        .isEqualTo(List.of(new FieldError("#/id", "must be 'library' or left out")));
  }

  @Test
  void allowsATenantCalendarNamedLikeItsSharedParent() {
    JsonObject body =
        new JsonObject()
            .put("id", "us-federal")
            .put("name", "Ours")
            .put("parent", "shared:us-federal");

    assertThat(HolidayCalendar.fromJson(null, body).parent())
        .contains(CalendarRef.shared("us-federal"));
  }

  @Test
  void loadsTheBuiltInFederalCalendar() {
    HolidayCalendar federal = BuiltInCalendars.usFederal();

    assertThat(federal.id()).isEqualTo("us-federal");
    assertThat(federal.name()).isEqualTo("United States federal holidays");
    assertThat(federal.parent()).isEmpty();
    assertThat(federal.rules())
        .extracting(HolidayRule::name)
        .containsExactly(
            "New Year's Day",
            "Birthday of Martin Luther King, Jr.",
            "Washington's Birthday",
            "Memorial Day",
            "Juneteenth National Independence Day",
            "Independence Day",
            "Labor Day",
            "Columbus Day",
            "Veterans Day",
            "Thanksgiving Day",
            "Christmas Day");
    assertThat(HolidayCalendar.fromJson(null, federal.toJson())).isEqualTo(federal);
  }
}
