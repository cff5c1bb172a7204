package io.civicline.routing.engine;

import io.civicline.core.directory.BuiltInCalendars;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.TimeRange;
import io.civicline.core.directory.WeeklyHours;
import io.civicline.routing.engine.CallContext.Closure;
import io.civicline.routing.engine.CallContext.DepartmentSchedule;
import io.civicline.routing.engine.CallContext.Presence;
import io.civicline.routing.engine.CallContext.StaffView;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowFixtures;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lakeside Township as the engine sees it: Detroit time, English and Spanish, five departments open
 * Monday to Friday 08:30-16:30 on the town calendar (which inherits the US federal holidays), its
 * staff, and its published flows. Each {@code with...} returns a changed copy.
 */
record Lakeside(
    Map<String, DepartmentSchedule> departments,
    List<Closure> closures,
    Map<String, StaffView> staff,
    CallContext.FlowCatalog flows) {

  static final ZoneId DETROIT = ZoneId.of("America/Detroit");
  static final String MAIN_NUMBER = "+12695550100";
  static final String CALLER = "+12695550123";
  static final String BLOCKED_CALLER = "+12695550199";

  /** A Tuesday, 10:00 in Lakeside: offices open. */
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  /** The town's own calendar: the federal holidays and Founders Day. */
  static final HolidayCalendar TOWN =
      HolidayCalendar.fromJson(
          null,
          new JsonObject(
              """
              {"id": "lakeside", "name": "Lakeside Township", "parent": "shared:us-federal",
               "rules": [{"name": "Lakeside Founders Day", "type": "date", "date": "2026-06-12"}]}
              """));

  static final List<HolidayCalendar> HOLIDAYS = List.of(TOWN, BuiltInCalendars.usFederal());

  static final WeeklyHours WEEKDAYS = hours(List.of(DayOfWeek.values()).subList(0, 5));

  static final Flow MAIN = FlowFixtures.load("lakeside-main.yaml");
  static final Flow PUBLIC_WORKS = FlowFixtures.load("lakeside-public-works.yaml");
  static final Flow PARKS = FlowFixtures.load("lakeside-parks.json");

  static Lakeside town() {
    Map<String, DepartmentSchedule> departments = new LinkedHashMap<>();
    for (String id : List.of("clerk", "treasurer", "building", "public-works", "parks")) {
      departments.put(id, new DepartmentSchedule(WEEKDAYS, HOLIDAYS));
    }
    Map<String, StaffView> staff = new LinkedHashMap<>();
    add(staff, staff("maria-gonzalez", "+12695550301", Presence.AVAILABLE, "07:00", "clerk"));
    add(staff, staff("tom-becker", "+12695550302", Presence.AWAY, "07:00", "clerk"));
    add(staff, staff("dave-kowalski", "+12695550303", Presence.AVAILABLE, "07:00", "treasurer"));
    add(staff, staff("rob-miller", "+12695550304", Presence.AVAILABLE, "08:00", "building"));
    add(
        staff,
        staff("sofia-reyes", "+12695550305", Presence.AVAILABLE, "08:10", "building", "parks"));
    add(staff, staff("jim-oconnor", "+12695550306", Presence.AVAILABLE, "09:00", "public-works"));
    add(staff, staff("carla-jensen", "+12695550307", Presence.AVAILABLE, "08:40", "public-works"));
    add(staff, staff("ben-adeyemi", "+12695550308", Presence.AVAILABLE, "09:30", "public-works"));
    return new Lakeside(
        departments,
        List.of(),
        staff,
        new FlowVersions(
            Map.of(
                "main", Map.of(1, MAIN),
                "public-works", Map.of(1, PUBLIC_WORKS),
                "parks", Map.of(1, PARKS)),
            Map.of("main", 1, "public-works", 1, "parks", 1)));
  }

  CallContext context() {
    return new CallContext(
        "lakeside",
        "Lakeside Township",
        DETROIT,
        "en",
        List.of("en", "es"),
        departments,
        closures,
        staff,
        flows);
  }

  Lakeside withClosures(Closure... more) {
    return new Lakeside(departments, List.of(more), staff, flows);
  }

  Lakeside withFlows(CallContext.FlowCatalog catalog) {
    return new Lakeside(departments, closures, staff, catalog);
  }

  Lakeside withDepartmentHours(String department, WeeklyHours hours) {
    Map<String, DepartmentSchedule> changed = new LinkedHashMap<>(departments);
    changed.put(department, new DepartmentSchedule(hours, HOLIDAYS));
    return new Lakeside(changed, closures, staff, flows);
  }

  /** Only a single published version of one extra flow, next to the town's own. */
  Lakeside withFlow(String id, Flow flow) {
    FlowVersions current = (FlowVersions) flows;
    Map<String, Map<Integer, Flow>> versions = new LinkedHashMap<>(current.versions());
    versions.put(id, Map.of(1, flow));
    Map<String, Integer> published = new LinkedHashMap<>(current.published());
    published.put(id, 1);
    return withFlows(new FlowVersions(versions, published));
  }

  Lakeside withPresence(String staffId, Presence presence) {
    Map<String, StaffView> changed = new LinkedHashMap<>(staff);
    StaffView s = staff.get(staffId);
    changed.put(
        staffId,
        new StaffView(
            s.id(), s.name(), s.departments(), s.app(), s.mobile(), presence, s.idleSince()));
    return new Lakeside(departments, closures, changed, flows);
  }

  Lakeside withStaff(StaffView member) {
    Map<String, StaffView> changed = new LinkedHashMap<>(staff);
    changed.put(member.id(), member);
    return new Lakeside(departments, closures, changed, flows);
  }

  static StaffView staff(
      String id, String mobile, Presence presence, String idleSinceLocal, String... departments) {
    return new StaffView(
        id,
        id,
        List.of(departments),
        true,
        Optional.ofNullable(mobile),
        presence,
        TUESDAY_MORNING.atZone(DETROIT).with(LocalTime.parse(idleSinceLocal)).toInstant());
  }

  static Closure closure(String id, String department, String startsAt, String endsAt) {
    return new Closure(
        id,
        Optional.ofNullable(department),
        new io.civicline.routing.flow.Prompt(
            Map.of(
                "en", "The office is closed today because of snow.",
                "es", "La oficina está cerrada hoy por la nieve.")),
        Instant.parse(startsAt),
        Instant.parse(endsAt));
  }

  static WeeklyHours hours(List<DayOfWeek> days) {
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : days) {
      week.put(day, List.of(new TimeRange(LocalTime.of(8, 30), LocalTime.of(16, 30))));
    }
    return new WeeklyHours(week);
  }

  private static void add(Map<String, StaffView> staff, StaffView member) {
    staff.put(member.id(), member);
  }

  static List<String> ids(List<StaffView> staff) {
    return new ArrayList<>(staff.stream().map(StaffView::id).toList());
  }
}
