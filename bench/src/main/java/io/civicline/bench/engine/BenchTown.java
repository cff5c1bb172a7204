package io.civicline.bench.engine;

import io.civicline.core.directory.BuiltInCalendars;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.TimeRange;
import io.civicline.core.directory.WeeklyHours;
import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallContext.DepartmentSchedule;
import io.civicline.routing.engine.CallContext.Presence;
import io.civicline.routing.engine.CallContext.StaffView;
import io.civicline.routing.engine.FlowVersions;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowDocuments;
import io.civicline.routing.flow.FlowReader;
import io.civicline.routing.flow.FlowValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The town the engine benchmarks call: three departments open weekdays 08:30-16:30 on the US
 * federal holiday calendar, a few staff, and two published flows read from {@code
 * src/main/resources/flows}: {@value #MAIN} (schedule, menu, ring groups, voicemail) and {@value
 * #TINY} (one menu key that hangs up).
 */
public final class BenchTown {
  public static final String MAIN = "town-main";
  public static final String TINY = "tiny";
  public static final String NUMBER = "+12695550100";
  public static final String CALLER = "+12695550123";

  /** A Tuesday, 10:00 in Detroit: offices open, so the main flow reaches its menu. */
  public static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
  private static final List<String> LANGUAGES = List.of("en", "es");
  private static final List<String> DEPARTMENTS = List.of("clerk", "treasurer", "building");

  private BenchTown() {}

  public static CallContext context() {
    Map<String, Flow> flows = Map.of(MAIN, load(MAIN), TINY, load(TINY));
    Map<String, Map<Integer, Flow>> versions = new LinkedHashMap<>();
    flows.forEach((id, flow) -> versions.put(id, Map.of(1, flow)));
    return new CallContext(
        "bench",
        "Bench Township",
        DETROIT,
        "en",
        LANGUAGES,
        departments(),
        List.of(),
        staff(),
        new FlowVersions(versions, Map.of(MAIN, 1, TINY, 1)));
  }

  private static Map<String, DepartmentSchedule> departments() {
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      week.put(day, List.of(new TimeRange(LocalTime.of(8, 30), LocalTime.of(16, 30))));
    }
    List<HolidayCalendar> holidays = List.of(BuiltInCalendars.usFederal());
    Map<String, DepartmentSchedule> departments = new LinkedHashMap<>();
    for (String id : DEPARTMENTS) {
      departments.put(id, new DepartmentSchedule(new WeeklyHours(week), holidays));
    }
    return departments;
  }

  private static Map<String, StaffView> staff() {
    Map<String, StaffView> staff = new LinkedHashMap<>();
    add(staff, "maria-gonzalez", "+12695550301", Presence.AVAILABLE, "clerk");
    add(staff, "tom-becker", "+12695550302", Presence.AWAY, "clerk");
    add(staff, "ana-lopez", "+12695550303", Presence.AVAILABLE, "clerk");
    add(staff, "dave-kowalski", "+12695550304", Presence.AVAILABLE, "treasurer");
    add(staff, "rob-miller", "+12695550305", Presence.AVAILABLE, "building");
    return staff;
  }

  private static void add(
      Map<String, StaffView> staff, String id, String mobile, Presence presence, String dept) {
    staff.put(
        id,
        new StaffView(
            id,
            id,
            List.of(dept),
            true,
            Optional.of(mobile),
            presence,
            TUESDAY_MORNING.minusSeconds(3600)));
  }

  /** Reads and validates a flow the way publishing does; a broken fixture fails loudly. */
  private static Flow load(String id) {
    FieldErrors errors = new FieldErrors();
    Flow flow =
        FlowReader.read(id, FlowDocuments.parse(resource("/flows/" + id + ".yaml")), errors);
    if (flow != null) {
      FlowValidator.validate(
          flow,
          new FlowValidator.Directory(
              java.util.Set.copyOf(DEPARTMENTS), null, java.util.Set.of(MAIN, TINY), LANGUAGES),
          errors);
    }
    errors.throwIfAny();
    return flow;
  }

  private static String resource(String path) {
    try (InputStream in = BenchTown.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
