package io.civicline.routing.engine;

import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.WeeklyHours;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.Prompt;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything about the town the engine may consult for one step, loaded by the channel before it
 * calls the engine: the engine itself does no I/O.
 *
 * @param townName what residents hear the town called (e.g. in a callback's greeting)
 */
public record CallContext(
    String tenant,
    String townName,
    ZoneId timeZone,
    String defaultLanguage,
    List<String> languages,
    Map<String, DepartmentSchedule> departments,
    List<Closure> closures,
    Map<String, StaffView> staff,
    FlowCatalog flows,
    Map<String, MailboxSettings> mailboxes) {

  public CallContext {
    languages = List.copyOf(languages);
    departments = Map.copyOf(departments);
    closures = List.copyOf(closures);
    staff = Map.copyOf(staff);
    mailboxes = Map.copyOf(mailboxes);
  }

  /** A town whose mailboxes have no settings of their own. */
  public CallContext(
      String tenant,
      String townName,
      ZoneId timeZone,
      String defaultLanguage,
      List<String> languages,
      Map<String, DepartmentSchedule> departments,
      List<Closure> closures,
      Map<String, StaffView> staff,
      FlowCatalog flows) {
    this(
        tenant,
        townName,
        timeZone,
        defaultLanguage,
        languages,
        departments,
        closures,
        staff,
        flows,
        Map.of());
  }

  /**
   * What a mailbox's settings say about taking a message: its greeting per language (text, or an
   * uploaded recording named by its SHA-256) and the longest message it takes.
   *
   * @param mailbox {@code department:<id>} or {@code staff:<id>}
   */
  public record MailboxSettings(
      String mailbox,
      Map<String, String> greetingTexts,
      Map<String, String> greetingRecordings,
      Optional<Integer> maxMessageSeconds) {
    public MailboxSettings {
      greetingTexts = Map.copyOf(greetingTexts);
      greetingRecordings = Map.copyOf(greetingRecordings);
    }
  }

  /** A department's regular hours and its holiday calendar with ancestors (nearest first). */
  public record DepartmentSchedule(WeeklyHours hours, List<HolidayCalendar> holidays) {
    public DepartmentSchedule {
      holidays = List.copyOf(holidays);
    }
  }

  /**
   * An admin's "we are closed" switch (snow day), for one department or, with no department, the
   * whole town, with a message per language and an end time.
   */
  public record Closure(
      String id, Optional<String> department, Prompt message, Instant startsAt, Instant endsAt) {
    public boolean activeAt(Instant now) {
      return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean covers(String departmentId) {
      return department.isEmpty() || department.get().equals(departmentId);
    }
  }

  /** Whether staff can be rung right now. */
  public enum Presence {
    AVAILABLE,
    BUSY,
    AWAY,
    DO_NOT_DISTURB,
    OFFLINE
  }

  /**
   * A staff member as ringing needs them.
   *
   * @param app whether to ring their app (client identity = staff id)
   * @param idleSince when they last became available, for longest-idle ringing
   */
  public record StaffView(
      String id,
      String name,
      List<String> departments,
      boolean app,
      Optional<String> mobile,
      Presence presence,
      Instant idleSince) {
    public StaffView {
      departments = List.copyOf(departments);
    }
  }

  /** The closure that applies to {@code department} now, the latest-ending first. */
  public Optional<Closure> closureFor(String department, Instant now) {
    return closures.stream()
        .filter(c -> c.activeAt(now) && c.covers(department))
        .max(Comparator.comparing(Closure::endsAt));
  }

  /** Published flows, and every version a call in progress may still be on. */
  public interface FlowCatalog {
    Optional<Flow> version(String flowId, int version);

    Optional<PublishedFlow> published(String flowId);

    static FlowCatalog of(Map<String, PublishedFlow> published) {
      return new FlowCatalog() {
        @Override
        public Optional<Flow> version(String flowId, int version) {
          return Optional.ofNullable(published.get(flowId))
              .filter(p -> p.version() == version)
              .map(PublishedFlow::flow);
        }

        @Override
        public Optional<PublishedFlow> published(String flowId) {
          return Optional.ofNullable(published.get(flowId));
        }
      };
    }
  }

  /** A flow and the version number it was published as. */
  public record PublishedFlow(int version, Flow flow) {}
}
