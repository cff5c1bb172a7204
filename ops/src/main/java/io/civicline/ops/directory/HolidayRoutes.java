package io.civicline.ops.directory;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.CalendarRef;
import io.civicline.core.directory.Department;
import io.civicline.core.directory.Tenant;
import io.civicline.core.http.Problem;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.civicline.routing.calendar.Holiday;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * "Is this date a holiday?" for the town or one department, and "which holidays this year?". A
 * department observes its own calendar, else the town's.
 */
public final class HolidayRoutes {
  private final DirectoryService directory;
  private final TenantAccess access;
  private final Kinds kinds;
  private final HolidayService holidays;
  private final java.time.Clock clock;

  public HolidayRoutes(
      DirectoryService directory,
      TenantAccess access,
      Kinds kinds,
      HolidayService holidays,
      java.time.Clock clock) {
    this.clock = clock;
    this.directory = directory;
    this.access = access;
    this.kinds = kinds;
    this.holidays = holidays;
  }

  public void mount(Router router) {
    String town = DirectoryRoutes.TENANT_BASE + "/holidays";
    String department = DirectoryRoutes.TENANT_BASE + "/departments/:id/holidays";
    router.get(town).handler(endpoint(ctx -> yearOf(ctx, false)));
    router.get(town + "/:date").handler(endpoint(ctx -> dayOf(ctx, false)));
    router.get(department).handler(endpoint(ctx -> yearOf(ctx, true)));
    router.get(department + "/:date").handler(endpoint(ctx -> dayOf(ctx, true)));
  }

  private Future<Reply> dayOf(RoutingContext ctx, boolean forDepartment) {
    return calendarOf(ctx, forDepartment)
        .compose(
            found -> {
              LocalDate date = date(ctx);
              JsonObject answer = found.describe().put("date", date.toString());
              if (found.calendar().isEmpty()) {
                return Future.succeededFuture(Reply.ok(answer.put("holiday", false)));
              }
              return holidays
                  .holidayOn(found.tenant(), found.calendar().get(), date)
                  .map(holiday -> Reply.ok(describe(answer, holiday)));
            });
  }

  private Future<Reply> yearOf(RoutingContext ctx, boolean forDepartment) {
    return calendarOf(ctx, forDepartment)
        .compose(
            found -> {
              int year = year(ctx);
              JsonObject answer = found.describe().put("year", year);
              if (found.calendar().isEmpty()) {
                return Future.succeededFuture(Reply.ok(answer.put("holidays", new JsonArray())));
              }
              return holidays
                  .holidaysIn(found.tenant(), found.calendar().get(), year)
                  .map(
                      list -> {
                        JsonArray items = new JsonArray();
                        list.forEach(h -> items.add(holidayJson(h)));
                        return Reply.ok(answer.put("holidays", items));
                      });
            });
  }

  /** Which calendar applies, and for whom. */
  private record Applicable(
      String tenant, Optional<String> department, Optional<CalendarRef> calendar) {
    JsonObject describe() {
      JsonObject json = new JsonObject().put("tenant", tenant);
      department.ifPresent(d -> json.put("department", d));
      return json.put("calendar", calendar.map(CalendarRef::toString).orElse(null));
    }
  }

  private Future<Applicable> calendarOf(RoutingContext ctx, boolean forDepartment) {
    return access
        .scope(ctx)
        .compose(
            scope -> {
              Future<Optional<Tenant>> tenant = directory.read(scope, kinds.tenant, scope.id());
              if (!forDepartment) {
                return tenant.map(
                    t ->
                        new Applicable(
                            scope.id(), Optional.empty(), t.orElseThrow().holidayCalendar()));
              }
              String id = Requests.pathId(ctx, "id");
              Future<Optional<Department>> department =
                  directory.read(scope, kinds.departments, id);
              return Future.all(tenant, department)
                  .map(
                      both -> {
                        Department d =
                            department
                                .result()
                                .orElseThrow(() -> Problem.notFound("no department '" + id + "'"));
                        Optional<CalendarRef> calendar =
                            d.holidayCalendar()
                                .or(() -> tenant.result().orElseThrow().holidayCalendar());
                        return new Applicable(scope.id(), Optional.of(id), calendar);
                      });
            });
  }

  private static JsonObject describe(JsonObject answer, Optional<Holiday> holiday) {
    answer.put("holiday", holiday.isPresent());
    holiday.ifPresent(
        h ->
            answer.put("name", h.name()).put("observed", h.observed()).put("from", h.calendarId()));
    return answer;
  }

  private static JsonObject holidayJson(Holiday holiday) {
    return new JsonObject()
        .put("date", holiday.date().toString())
        .put("name", holiday.name())
        .put("observed", holiday.observed())
        .put("from", holiday.calendarId());
  }

  private static LocalDate date(RoutingContext ctx) {
    String text = ctx.pathParam("date");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.badParameter("date", "must be a date in the form YYYY-MM-DD");
    }
  }

  private int year(RoutingContext ctx) {
    String text = ctx.request().getParam("year");
    if (text == null) {
      return LocalDate.now(clock).getYear();
    }
    try {
      int year = Integer.parseInt(text);
      if (year >= 1900 && year <= 2200) {
        return year;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.badParameter("year", "must be a year from 1900 to 2200");
  }
}
