package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext.Presence;
import io.civicline.routing.engine.CallContext.StaffView;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rings the available staff of a department (or a named group) on their devices: all at once, one
 * after the other, or the longest idle first. Nobody available, or nobody answering, leads to
 * {@code noAnswer}.
 */
public record RingNode(
    String id,
    Optional<String> department,
    List<String> group,
    Strategy strategy,
    int timeoutSeconds,
    List<Device> devices,
    String noAnswer,
    List<Edge> edges)
    implements Node {
  public static final String KIND = "ring";
  private static final String INDEX = "index";

  public enum Strategy {
    SIMULTANEOUS,
    SEQUENTIAL,
    LONGEST_IDLE;

    String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Where a staff member is rung: the CivicLine app, their mobile phone. */
  public enum Device {
    APP,
    MOBILE
  }

  public static RingNode read(String id, ObjectReader in) {
    NewErrors targetErrors = NewErrors.since(in);
    String department = in.string("department", false, 48, Formats::slug);
    List<String> group = in.strings("group", false, 50, Formats::slug);
    if (department == null && (group == null || group.isEmpty()) && targetErrors.none()) {
      in.errors().add(in.pointer(), "needs a 'department' or a 'group' of staff ids");
    }
    String strategyText = in.string("strategy", false, 20, RingNode::checkStrategy);
    List<String> deviceNames = in.strings("devices", false, 2, RingNode::checkDevice);
    int timeout = Fields.orDefault(in.integer("timeout", false, 5, 120), 20);
    String noAnswer = Fields.target(in, "noAnswer", true);
    return new RingNode(
        id,
        Optional.ofNullable(department),
        group == null ? List.of() : group,
        strategyText == null ? Strategy.SIMULTANEOUS : strategyOf(strategyText),
        timeout,
        deviceNames == null || deviceNames.isEmpty()
            ? List.of(Device.APP, Device.MOBILE)
            : deviceNames.stream().map(d -> Device.valueOf(d.toUpperCase(Locale.ROOT))).toList(),
        noAnswer,
        // Not a waiting edge: with nobody available the call goes to noAnswer at once.
        Fields.edge(in, "noAnswer", noAnswer, false));
  }

  private static String checkStrategy(String text) {
    return Arrays.stream(Strategy.values()).anyMatch(s -> s.wire().equals(text))
        ? null
        : "must be simultaneous, sequential or longest-idle";
  }

  private static Strategy strategyOf(String text) {
    return Strategy.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private static String checkDevice(String text) {
    return text.equals("app") || text.equals("mobile") ? null : "must be 'app' or 'mobile'";
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next enter(Turn turn) {
    // Even with nobody available to ring, the call was for the department.
    department.ifPresent(turn::reachedDepartment);
    List<StaffView> order = candidates(turn.context().staff());
    if (order.isEmpty()) {
      return Next.go(noAnswer);
    }
    turn.setVariables(
        Map.of(orderKey(), String.join(",", order.stream().map(StaffView::id).toList())));
    if (strategy == Strategy.SIMULTANEOUS) {
      List<DialTarget> targets = new ArrayList<>();
      order.forEach(staff -> targets.addAll(targets(staff)));
      return dial(turn, targets);
    }
    turn.setCounter(INDEX, 0);
    return dial(turn, targets(order.get(0)));
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    if (!(event instanceof CallEvent.DialEnded ended)) {
      return Next.stay();
    }
    if (ended.status() == CallEvent.DialStatus.ANSWERED) {
      return new Next.End(io.civicline.routing.engine.Outcome.ANSWERED, ended.answeredBy());
    }
    List<String> order =
        Arrays.asList(turn.state().variables().getOrDefault(orderKey(), "").split(","));
    if (strategy == Strategy.SIMULTANEOUS) {
      return Next.go(noAnswer);
    }
    // Ring the next one in the order who is still there and still available.
    for (int index = turn.counter(INDEX) + 1; index < order.size(); index++) {
      StaffView next = turn.context().staff().get(order.get(index));
      if (next != null && next.presence() == Presence.AVAILABLE && !targets(next).isEmpty()) {
        turn.setCounter(INDEX, index);
        return dial(turn, targets(next));
      }
    }
    return Next.go(noAnswer);
  }

  private Next dial(Turn turn, List<DialTarget> targets) {
    turn.emit(new Action.Dial(targets, timeoutSeconds, turn.state().caller()));
    return Next.stay();
  }

  /** Available members, in the order the strategy rings them. */
  private List<StaffView> candidates(Map<String, StaffView> staff) {
    List<StaffView> members =
        department.isPresent()
            ? staff.values().stream()
                .filter(s -> s.departments().contains(department.get()))
                .sorted(Comparator.comparing(StaffView::id))
                .toList()
            : group.stream().map(staff::get).filter(java.util.Objects::nonNull).toList();
    List<StaffView> available =
        members.stream()
            .filter(s -> s.presence() == Presence.AVAILABLE)
            .filter(s -> !targets(s).isEmpty())
            .toList();
    if (strategy == Strategy.LONGEST_IDLE) {
      return available.stream()
          .sorted(
              Comparator.comparing(
                  StaffView::idleSince, Comparator.nullsFirst(Comparator.naturalOrder())))
          .toList();
    }
    return available;
  }

  private List<DialTarget> targets(StaffView staff) {
    List<DialTarget> targets = new ArrayList<>();
    if (devices.contains(Device.APP) && staff.app()) {
      targets.add(DialTarget.client(staff.id()));
    }
    if (devices.contains(Device.MOBILE) && staff.mobile().isPresent()) {
      targets.add(DialTarget.number(staff.mobile().get(), staff.id()));
    }
    return targets;
  }

  private String orderKey() {
    return "_ring." + id;
  }

  @Override
  public List<io.civicline.routing.flow.ExternalRef> externalRefs() {
    List<io.civicline.routing.flow.ExternalRef> refs = new ArrayList<>();
    department.ifPresent(
        d ->
            refs.add(
                new io.civicline.routing.flow.ExternalRef(
                    "department", io.civicline.routing.flow.ExternalRef.Target.DEPARTMENT, d)));
    for (int i = 0; i < group.size(); i++) {
      refs.add(
          new io.civicline.routing.flow.ExternalRef(
              "group/" + i, io.civicline.routing.flow.ExternalRef.Target.STAFF, group.get(i)));
    }
    return refs;
  }
}
