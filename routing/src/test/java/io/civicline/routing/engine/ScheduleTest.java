package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.closure;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.flow.FlowFixtures;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the clerk's schedule sends a call, in Lakeside time (America/Detroit). */
class ScheduleTest {

  /** The node after {@code clerk-hours} for an English caller at {@code at}. */
  private static String afterClerkHours(Lakeside town, Instant at) {
    List<String> path = Call.start(town, CALLER, at).press("1").state().path();
    return path.get(path.indexOf("clerk-hours") + 1);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # instant (UTC)          | branch          | why
          2026-11-24T15:00:00Z     | main-menu       | Tuesday 10:00 EST
          2026-11-24T13:30:00Z     | main-menu       | 08:30 EST, opening minute
          2026-11-24T13:29:59Z     | closed-message  | 08:29:59 EST
          2026-11-24T21:29:59Z     | main-menu       | 16:29:59 EST
          2026-11-24T21:30:00Z     | closed-message  | 16:30 EST, closing minute
          2026-11-28T15:00:00Z     | closed-message  | Saturday
          2026-11-29T15:00:00Z     | closed-message  | Sunday
          # Holidays inherited from the US federal calendar, real and observed
          2026-11-26T15:00:00Z     | holiday-message | Thanksgiving Day
          2026-07-03T14:00:00Z     | holiday-message | Independence Day (observed), a Friday
          2026-12-25T15:00:00Z     | holiday-message | Christmas Day
          2026-01-01T15:00:00Z     | holiday-message | New Year's Day
          2026-11-27T15:00:00Z     | main-menu       | the day after Thanksgiving is a working day here
          # The town's own holiday
          2026-06-12T14:00:00Z     | holiday-message | Lakeside Founders Day
          2026-06-11T14:00:00Z     | main-menu       | the day before
          # A holiday is a local date: 23:30 EST on Thanksgiving eve is still Wednesday
          2026-11-26T04:30:00Z     | closed-message  | Wednesday 23:30 EST, not the holiday
          2026-11-27T04:30:00Z     | holiday-message | Thursday 23:30 EST, still Thanksgiving
          """)
  void clerkHours(Instant at, String branch, String why) {
    assertThat(afterClerkHours(Lakeside.town(), at)).as(why).isEqualTo(branch);
  }

  /**
   * The parks office keeps the same 08:30-16:30 hours every day, so the daylight-saving change days
   * (both Sundays) can be checked: the same UTC hour is a different local hour.
   */
  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # instant (UTC)          | branch | local time
          2026-03-07T13:00:00Z     | closed | Saturday 08:00 EST
          2026-03-08T13:00:00Z     | open   | Sunday 09:00 EDT: clocks went forward at 02:00
          2026-03-08T12:30:00Z     | open   | Sunday 08:30 EDT
          2026-03-08T12:29:00Z     | closed | Sunday 08:29 EDT
          2026-03-08T20:30:00Z     | closed | Sunday 16:30 EDT
          2026-03-08T21:00:00Z     | closed | Sunday 17:00 EDT (16:00 in EST, which no longer applies)
          2026-10-31T13:00:00Z     | open   | Saturday 09:00 EDT
          2026-11-01T13:00:00Z     | closed | Sunday 08:00 EST: clocks went back at 02:00
          2026-11-01T13:30:00Z     | open   | Sunday 08:30 EST
          2026-10-31T21:00:00Z     | closed | Saturday 17:00 EDT
          2026-11-01T21:00:00Z     | open   | Sunday 16:00 EST
          """)
  void daylightSavingChangeDays(Instant at, String branch, String local) {
    Lakeside town =
        Lakeside.town()
            .withDepartmentHours("parks", Lakeside.hours(List.of(DayOfWeek.values())))
            .withFlow(
                "parks-hours",
                FlowFixtures.read(
                    "parks-hours",
                    """
                    name: Parks hours
                    start: hours
                    nodes:
                      hours: {kind: schedule, department: parks, open: open, closed: closed}
                      open: {kind: hangup, prompt: {en: Open.}}
                      closed: {kind: hangup, prompt: {en: Closed.}}
                    """));

    Call call = Call.start(town.context(), "parks-hours", CALLER, at);

    assertThat(call.state().node()).as(local).isEqualTo(branch);
  }

  private static final String SNOW_STARTS = "2026-11-24T14:00:00Z";
  private static final String SNOW_ENDS = "2026-11-24T18:00:00Z";

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # instant (UTC)          | branch    | why
          2026-11-24T13:59:59Z     | main-menu | a second before the closure starts
          2026-11-24T14:00:00Z     | goodbye   | the closure starts: active at startsAt
          2026-11-24T17:59:59Z     | goodbye   | the last second of the closure
          2026-11-24T18:00:00Z     | main-menu | the closure ended: inactive at endsAt
          """)
  void closureBoundaries(Instant at, String branch, String why) {
    Lakeside town = Lakeside.town().withClosures(closure("snow", "clerk", SNOW_STARTS, SNOW_ENDS));

    assertThat(afterClerkHours(town, at)).as(why).isEqualTo(branch);
  }

  @Test
  void anActiveClosureSaysItsMessageInTheCallersLanguageThenTakesTheClosureBranch() {
    Lakeside town = Lakeside.town().withClosures(closure("snow", "clerk", SNOW_STARTS, SNOW_ENDS));

    Call call = Call.start(town, CALLER, Instant.parse("2026-11-24T15:00:00Z")).press("2");

    assertThat(call.actions())
        .containsExactly(
            new Action.Say("La oficina está cerrada hoy por la nieve.", "es"),
            new Action.Say("Gracias por llamar al Municipio de Lakeside. Adiós.", "es"),
            new Action.Hangup());
    assertThat(call.state().outcome()).contains(Outcome.MESSAGE);
  }

  @Test
  void aClosureOfAnotherDepartmentDoesNotApply() {
    Lakeside town =
        Lakeside.town().withClosures(closure("snow", "treasurer", SNOW_STARTS, SNOW_ENDS));

    assertThat(afterClerkHours(town, Instant.parse("2026-11-24T15:00:00Z"))).isEqualTo("main-menu");
  }

  @Test
  void aTownWideClosureAppliesToEveryDepartment() {
    Lakeside town = Lakeside.town().withClosures(closure("snow", null, SNOW_STARTS, SNOW_ENDS));

    assertThat(afterClerkHours(town, Instant.parse("2026-11-24T15:00:00Z"))).isEqualTo("goodbye");
  }

  @Test
  void aClosureWinsOverAHoliday() {
    Lakeside town =
        Lakeside.town()
            .withClosures(closure("storm", null, "2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z"));

    assertThat(afterClerkHours(town, Instant.parse("2026-11-26T15:00:00Z"))).isEqualTo("goodbye");
  }

  @Test
  void withoutHolidayOrClosureBranchesTheScheduleFallsBackToClosed() {
    Lakeside town =
        Lakeside.town()
            .withClosures(closure("snow", "public-works", SNOW_STARTS, SNOW_ENDS))
            .withFlow(
                "plain",
                FlowFixtures.read(
                    "plain",
                    """
                    name: Plain schedule
                    start: hours
                    nodes:
                      hours: {kind: schedule, department: public-works, open: open, closed: closed}
                      open: {kind: hangup, prompt: {en: Open.}}
                      closed: {kind: hangup, prompt: {en: Closed.}}
                    """));

    assertThat(
            Call.start(town.context(), "plain", CALLER, Instant.parse("2026-11-26T15:00:00Z"))
                .state()
                .node())
        .isEqualTo("closed");
    assertThat(
            Call.start(town.context(), "plain", CALLER, Instant.parse("2026-11-24T15:00:00Z"))
                .state()
                .node())
        .isEqualTo("closed");
  }
}
