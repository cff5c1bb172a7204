package io.civicline.routing.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.BuiltInCalendars;
import io.civicline.core.directory.TimeRange;
import io.civicline.core.directory.WeeklyHours;
import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.flow.Prompt;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsRouterTest {
  /** Tuesday 2026-11-24, 10:00 in Lakeside (America/Detroit): offices open. */
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  /** The same Tuesday, 20:00: offices closed. */
  static final Instant TUESDAY_EVENING = Instant.parse("2026-11-25T01:00:00Z");

  /** Thanksgiving 2026, 10:00. */
  static final Instant THANKSGIVING = Instant.parse("2026-11-26T15:00:00Z");

  static final WeeklyHours WEEKDAYS = weekdays();

  static final SmsRules RULES = rules();

  static SmsRules rules() {
    FieldErrors errors = new FieldErrors();
    SmsRules rules =
        SmsRulesReader.read(
            SmsRulesDocuments.parse(SmsRulesReaderTest.LAKESIDE_RULES),
            SmsRulesReaderTest.LAKESIDE,
            errors);
    errors.throwIfAny();
    return rules;
  }

  static WeeklyHours weekdays() {
    Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      days.put(day, List.of(new TimeRange(LocalTime.of(8, 30), LocalTime.of(16, 30))));
    }
    days.put(DayOfWeek.SATURDAY, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(12, 0))));
    return new WeeklyHours(days);
  }

  static CallContext town(List<CallContext.Closure> closures) {
    CallContext.DepartmentSchedule schedule =
        new CallContext.DepartmentSchedule(WEEKDAYS, List.of(BuiltInCalendars.usFederal()));
    return new CallContext(
        "lakeside",
        "Lakeside Township",
        ZoneId.of("America/Detroit"),
        "en",
        List.of("en", "es"),
        Map.of("clerk", schedule, "public-works", schedule, "parks", schedule),
        closures,
        Map.of(),
        CallContext.FlowCatalog.of(Map.of()));
  }

  static final CallContext LAKESIDE = town(List.of());

  static SmsRoute route(
      String text, Optional<String> stored, Optional<String> talking, Optional<String> number) {
    return SmsRouter.route(
        RULES, text, new SmsRouter.Resident(stored, talking), number, LAKESIDE, TUESDAY_MORNING);
  }

  static SmsRoute route(String text, Optional<String> stored, Optional<String> numberDept) {
    return route(text, stored, Optional.empty(), numberDept);
  }

  static Stream<Arguments> texts() {
    return Stream.of(
        // text, stored language, number's department -> department, language, reason
        Arguments.of("pothole on Main St", null, null, "public-works", "en", "KEYWORD"),
        Arguments.of("POTHOLES everywhere!!", null, null, "public-works", "en", "KEYWORD"),
        Arguments.of("The street  light is out", null, null, "public-works", "en", "KEYWORD"),
        Arguments.of("hay un BÁCHE en la calle", null, null, "public-works", "es", "KEYWORD"),
        Arguments.of("bache", "en", null, "public-works", "es", "KEYWORD"),
        Arguments.of("is the parking lot open?", null, null, "clerk", "en", "DEFAULT"),
        Arguments.of("syntax error on your site", null, null, "clerk", "en", "DEFAULT"),
        Arguments.of("is the parking lot open?", null, "parks", "parks", "en", "NUMBER"),
        Arguments.of("trash pickup in the park?", null, null, "public-works", "en", "KEYWORD"),
        Arguments.of("the park has trash", null, null, "parks", "en", "KEYWORD"),
        Arguments.of("hola, necesito ayuda por favor", null, null, "clerk", "es", "DEFAULT"),
        Arguments.of("ok", "es", null, "clerk", "es", "DEFAULT"),
        Arguments.of("ok", "fr", null, "clerk", "en", "DEFAULT"),
        Arguments.of("taxes due?", null, null, "treasurer", "en", "KEYWORD"));
  }

  static Stream<Arguments> followUps() {
    return Stream.of(
        // text, conversation, number's department -> department, reason
        Arguments.of("thanks!", "public-works", "parks", "public-works", "CONVERSATION"),
        Arguments.of("thanks!", null, "parks", "parks", "NUMBER"),
        Arguments.of("and the park bench?", "public-works", null, "parks", "KEYWORD"));
  }

  @ParameterizedTest(name = "\"{0}\" (talking with {1}, number {2}) -> {3} by {4}")
  @MethodSource("followUps")
  void aFollowUpWithoutKeywordStaysInTheConversation(
      String text, String talking, String numberDept, String department, String reason) {
    SmsRoute route =
        route(
            text, Optional.empty(), Optional.ofNullable(talking), Optional.ofNullable(numberDept));

    assertThat(route.department()).isEqualTo(department);
    assertThat(route.reason().name()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "\"{0}\" (stored {1}, number {2}) -> {3} in {4} by {5}")
  @MethodSource("texts")
  void routesByKeywordThenNumberThenDefault(
      String text,
      String stored,
      String numberDept,
      String department,
      String language,
      String reason) {
    SmsRoute route = route(text, Optional.ofNullable(stored), Optional.ofNullable(numberDept));

    assertThat(route.department()).isEqualTo(department);
    assertThat(route.language()).isEqualTo(language);
    assertThat(route.reason().name()).isEqualTo(reason);
  }

  @Test
  void openDepartmentsGetNoAutoReply() {
    assertThat(route("pothole on Main St", Optional.empty(), Optional.empty()).autoReply())
        .isEmpty();
  }

  @Test
  void aClosedDepartmentAnswersWithItsHoursInTheResidentsLanguage() {
    SmsRoute english =
        SmsRouter.route(
            RULES,
            "pothole on Main St",
            SmsRouter.Resident.UNKNOWN,
            Optional.empty(),
            LAKESIDE,
            TUESDAY_EVENING);
    SmsRoute spanish =
        SmsRouter.route(
            RULES,
            "hay un bache en la calle",
            SmsRouter.Resident.UNKNOWN,
            Optional.empty(),
            LAKESIDE,
            TUESDAY_EVENING);

    assertThat(english.autoReply())
        .contains(
            "Thank you for your message. We are closed right now and will answer when we reopen."
                + " Our hours: Mon-Fri 8:30 AM-4:30 PM; Sat 9:00 AM-12:00 PM.");
    assertThat(spanish.autoReply())
        .contains(
            "Gracias por su mensaje. Ahora estamos cerrados y le responderemos cuando volvamos a"
                + " abrir. Nuestro horario: lun-vie 8:30-16:30; sáb 9:00-12:00.");
  }

  @Test
  void aHolidayIsNamed() {
    SmsRoute route =
        SmsRouter.route(
            RULES, "pothole", SmsRouter.Resident.UNKNOWN, Optional.empty(), LAKESIDE, THANKSGIVING);

    assertThat(route.autoReply().orElseThrow())
        .startsWith("Thank you for your message. We are closed today for Thanksgiving Day");
  }

  @Test
  void anActiveClosureSpeaksItsOwnMessageEvenDuringOpeningHours() {
    CallContext.Closure snowDay =
        new CallContext.Closure(
            "snow",
            Optional.of("public-works"),
            new Prompt(Map.of("en", "Closed for snow.", "es", "Cerrado por nieve.")),
            TUESDAY_MORNING.minusSeconds(3600),
            TUESDAY_MORNING.plusSeconds(3600));
    CallContext snowed = town(List.of(snowDay));

    SmsRoute works =
        SmsRouter.route(
            RULES, "bache", SmsRouter.Resident.UNKNOWN, Optional.empty(), snowed, TUESDAY_MORNING);
    SmsRoute parks =
        SmsRouter.route(
            RULES, "parque", SmsRouter.Resident.UNKNOWN, Optional.empty(), snowed, TUESDAY_MORNING);

    assertThat(works.autoReply())
        .contains("Cerrado por nieve. Nuestro horario: lun-vie 8:30-16:30; sáb 9:00-12:00.");
    assertThat(parks.autoReply()).isEmpty();
  }

  @Test
  void autoReplyCanBeTurnedOff() {
    SmsRules quiet = new SmsRules(RULES.defaultDepartment(), RULES.keywords(), RULES.help(), false);

    assertThat(
            SmsRouter.route(
                    quiet,
                    "pothole",
                    SmsRouter.Resident.UNKNOWN,
                    Optional.empty(),
                    LAKESIDE,
                    TUESDAY_EVENING)
                .autoReply())
        .isEmpty();
  }

  @Test
  void helpIsTheTownsTextElseTheBuiltInOne() {
    assertThat(SmsRouter.helpText(RULES, "es", "en"))
        .isEqualTo("Municipio de Lakeside. Responda STOP para darse de baja.");
    assertThat(SmsRouter.helpText(SmsRules.everythingTo("clerk"), "fr", "en"))
        .startsWith("Vous écrivez à votre mairie");
  }

  @Test
  void commandsAreTheKeywordAlone() {
    assertThat(SmsCommand.parse(" Stop. ")).contains(SmsCommand.STOP);
    assertThat(SmsCommand.parse("UNSUBSCRIBE")).contains(SmsCommand.STOP);
    assertThat(SmsCommand.parse("stopall")).contains(SmsCommand.STOP);
    assertThat(SmsCommand.parse("Quit")).contains(SmsCommand.STOP);
    assertThat(SmsCommand.parse("unstop")).contains(SmsCommand.START);
    assertThat(SmsCommand.parse("yes")).contains(SmsCommand.START);
    assertThat(SmsCommand.parse("info")).contains(SmsCommand.HELP);
    assertThat(SmsCommand.parse("please don't stop plowing")).isEmpty();
    assertThat(SmsCommand.parse("help me with my water bill")).isEmpty();
  }
}
