package io.civicline.routing.calendar;

import static io.civicline.routing.calendar.TestCalendars.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.directory.HolidayCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarsTest {

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # chain (nearest)  | date       | holiday, empty on a working day       | from calendar
          # Nth weekday and offsets
          federal            | 2026-11-26 | Thanksgiving Day                      | us-federal
          federal            | 2026-11-19 |                                       |
          federal            | 2025-11-27 | Thanksgiving Day                      | us-federal
          federal            | 2026-11-27 |                                       |
          lakeside           | 2026-11-27 | Day after Thanksgiving                | lakeside
          lakeside           | 2025-11-28 | Day after Thanksgiving                | lakeside
          lakeside-library   | 2026-11-27 | Day after Thanksgiving                | lakeside
          federal            | 2026-05-25 | Memorial Day                          | us-federal
          federal            | 2026-05-18 |                                       |
          federal            | 2026-01-19 | Birthday of Martin Luther King, Jr.   | us-federal
          federal            | 2026-09-07 | Labor Day                             | us-federal
          # Weekend dates: the real date and the observed weekday both count
          federal            | 2026-07-04 | Independence Day                      | us-federal
          federal            | 2026-07-03 | Independence Day (observed)           | us-federal
          federal            | 2026-07-06 |                                       |
          federal            | 2022-12-25 | Christmas Day                         | us-federal
          federal            | 2022-12-26 | Christmas Day (observed)              | us-federal
          federal            | 2022-12-23 |                                       |
          federal            | 2022-01-01 | New Year's Day                        | us-federal
          federal            | 2021-12-31 | New Year's Day (observed)             | us-federal
          hillview-clerk     | 2026-08-15 | Founders Day                          | hillview
          hillview-clerk     | 2026-08-17 | Founders Day (observed)               | hillview
          hillview-clerk     | 2026-08-14 |                                       |
          hillview-clerk     | 2027-08-16 | Founders Day (observed)               | hillview
          hillview-clerk     | 2024-03-18 | Evacuation Day (observed)             | hillview
          hillview-clerk     | 2029-03-17 | Evacuation Day                        | hillview
          hillview-clerk     | 2029-03-16 |                                       |
          hillview-clerk     | 2029-03-19 |                                       |
          # Years a rule is in force
          federal            | 2020-06-19 |                                       |
          federal            | 2021-06-18 | Juneteenth National Independence Day (observed) | us-federal
          federal            | 2024-06-19 | Juneteenth National Independence Day  | us-federal
          # Easter
          hillview-clerk     | 2026-04-03 | Good Friday                           | hillview
          federal            | 2026-04-03 |                                       |
          # Three levels: state adds Patriots' Day, town drops Columbus Day, department adds a date
          maine              | 2026-04-20 | Patriots' Day                         | maine
          federal            | 2026-04-20 |                                       |
          lakeside-library   | 2026-04-20 | Patriots' Day                         | maine
          lakeside-library   | 2026-12-24 | Snow make-up closure                  | lakeside-library
          lakeside           | 2026-12-24 |                                       |
          lakeside-library   | 2027-12-24 | Christmas Day (observed)              | us-federal
          maine              | 2026-10-12 | Columbus Day                          | us-federal
          lakeside           | 2026-10-12 |                                       |
          lakeside-library   | 2026-10-12 |                                       |
          hillview-clerk     | 2026-10-12 | Columbus Day                          | us-federal
          # The nearest calendar wins, then the real date over an observed one
          lakeside-library   | 2026-07-03 | Staff training day                    | lakeside-library
          lakeside           | 2026-07-03 | Independence Day (observed)           | us-federal
          hillview-clerk     | 2022-12-26 | Boxing Day                            | hillview
          # A rule with an inherited holiday's name replaces it (Hillview: Christmas next-monday)
          hillview-clerk     | 2027-12-24 |                                       |
          hillview-clerk     | 2027-12-27 | Christmas Day (observed)              | hillview
          """)
  void findsTheHolidayOfADay(
      String nearest, LocalDate date, String expectedName, String expectedCalendar) {
    Optional<Holiday> holiday = HolidayCalendars.holidayOn(chain(nearest), date);

    if (expectedName == null) {
      assertThat(holiday).isEmpty();
    } else {
      assertThat(holiday).isPresent();
      assertThat(holiday.get().name()).isEqualTo(expectedName);
      assertThat(holiday.get().date()).isEqualTo(date);
      assertThat(holiday.get().observed()).isEqualTo(expectedName.endsWith("(observed)"));
      assertThat(holiday.get().calendarId()).isEqualTo(expectedCalendar);
    }
  }

  @ParameterizedTest(name = "Easter {0} is {1}")
  @CsvSource({
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2038, 2038-04-25",
    "2000, 2000-04-23",
    "2008, 2008-03-23",
    "2011, 2011-04-24",
    "2019, 2019-04-21",
    "1943, 1943-04-25",
    "2285, 2285-03-22"
  })
  void computesWesternEaster(int year, LocalDate easter) {
    assertThat(EasterSunday.in(year)).isEqualTo(easter);
  }

  @Test
  void listsTheFederalHolidaysOf2026AsOpmPublishesThem() {
    List<String> listed =
        HolidayCalendars.holidaysIn(chain("federal"), 2026).stream()
            .map(holiday -> holiday.date() + " " + holiday.name())
            .toList();

    assertThat(listed)
        .containsExactly(
            "2026-01-01 New Year's Day",
            "2026-01-19 Birthday of Martin Luther King, Jr.",
            "2026-02-16 Washington's Birthday",
            "2026-05-25 Memorial Day",
            "2026-06-19 Juneteenth National Independence Day",
            "2026-07-03 Independence Day (observed)",
            "2026-07-04 Independence Day",
            "2026-09-07 Labor Day",
            "2026-10-12 Columbus Day",
            "2026-11-11 Veterans Day",
            "2026-11-26 Thanksgiving Day",
            "2026-12-25 Christmas Day");
  }

  @Test
  void listsAnObservanceInTheYearItFallsIn() {
    List<LocalDate> dates2021 = datesOf(HolidayCalendars.holidaysIn(chain("federal"), 2021));
    List<LocalDate> dates2022 = datesOf(HolidayCalendars.holidaysIn(chain("federal"), 2022));

    assertThat(dates2021).contains(LocalDate.of(2021, 12, 31)).isSorted();
    assertThat(dates2022)
        .contains(LocalDate.of(2022, 1, 1))
        .doesNotContain(LocalDate.of(2021, 12, 31))
        .isSorted();
  }

  @Test
  void listsInheritedHolidaysWithoutExcludedOnes() {
    List<String> names =
        HolidayCalendars.holidaysIn(chain("lakeside-library"), 2026).stream()
            .map(Holiday::name)
            .toList();

    assertThat(names)
        .contains("Patriots' Day", "Day after Thanksgiving", "Snow make-up closure")
        .doesNotContain("Columbus Day");
  }

  @Test
  void refusesAChainThatIsNotNearestFirst() {
    List<HolidayCalendar> farthestFirst = List.of(TestCalendars.FEDERAL, TestCalendars.MAINE);

    assertThatThrownBy(() -> HolidayCalendars.holidayOn(farthestFirst, LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearest-first");
  }

  private static List<LocalDate> datesOf(List<Holiday> holidays) {
    return holidays.stream().map(Holiday::date).toList();
  }
}
