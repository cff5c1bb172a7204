package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.calendar.HolidayCalendars;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.Node;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Branches on a department's state right now, in the town's time zone: an active closure first (its
 * message is said), then a holiday on its calendar, then its weekly hours. A missing {@code
 * holiday} or {@code closure} branch falls back to {@code closed}.
 */
public record ScheduleNode(
    String id,
    String department,
    String open,
    String closed,
    Optional<String> holiday,
    Optional<String> closure,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "schedule";

  public static ScheduleNode read(String id, ObjectReader in) {
    String department = in.string("department", true, 48, Formats::slug);
    String open = Fields.target(in, "open", true);
    String closed = Fields.target(in, "closed", true);
    String holiday = Fields.target(in, "holiday", false);
    String closure = Fields.target(in, "closure", false);
    List<Edge> edges = new ArrayList<>();
    edges.addAll(Fields.edge(in, "open", open, false));
    edges.addAll(Fields.edge(in, "closed", closed, false));
    edges.addAll(Fields.edge(in, "holiday", holiday, false));
    edges.addAll(Fields.edge(in, "closure", closure, false));
    return new ScheduleNode(
        id,
        department,
        open,
        closed,
        Optional.ofNullable(holiday),
        Optional.ofNullable(closure),
        edges);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    Optional<CallContext.Closure> activeClosure = turn.context().closureFor(department, turn.now());
    if (activeClosure.isPresent()) {
      turn.say(activeClosure.get().message());
      return Next.go(closure.orElse(closed));
    }
    CallContext.DepartmentSchedule schedule = turn.context().departments().get(department);
    if (schedule == null) {
      return Next.go(closed);
    }
    ZonedDateTime local = turn.localNow();
    if (HolidayCalendars.holidayOn(schedule.holidays(), local.toLocalDate()).isPresent()) {
      return Next.go(holiday.orElse(closed));
    }
    return Next.go(schedule.hours().isOpen(local.toLocalDateTime()) ? open : closed);
  }

  @Override
  public List<io.civicline.routing.flow.ExternalRef> externalRefs() {
    return List.of(
        new io.civicline.routing.flow.ExternalRef(
            "department", io.civicline.routing.flow.ExternalRef.Target.DEPARTMENT, department));
  }
}
