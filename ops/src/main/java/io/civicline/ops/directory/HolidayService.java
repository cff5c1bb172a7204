package io.civicline.ops.directory;

import io.civicline.core.directory.CalendarRef;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.routing.calendar.Holiday;
import io.civicline.routing.calendar.HolidayCalendars;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads holiday calendars with their ancestors (department -> town -> state -> federal) and asks
 * the pure {@link HolidayCalendars} whether a date is a holiday. Also keeps parent chains free of
 * loops.
 */
public final class HolidayService {
  /** Deeper inheritance than this is refused as a likely mistake. */
  static final int MAX_DEPTH = 8;

  private final DocumentStore store;

  public HolidayService(DocumentStore store) {
    this.store = store;
  }

  /** A calendar of a tenant, or a shared one. */
  public Future<Optional<HolidayCalendar>> load(String tenant, CalendarRef ref) {
    String scope = ref.scope() == CalendarRef.Scope.SHARED ? DocumentStore.PLATFORM : tenant;
    return store
        .get(scope, HolidayCalendar.COLLECTION, ref.id())
        .map(stored -> stored.map(s -> HolidayCalendar.fromJson(s.id(), s.body())));
  }

  /** The calendar and its ancestors, nearest first, as {@link HolidayCalendars} wants them. */
  public Future<List<HolidayCalendar>> chain(String tenant, CalendarRef start) {
    return extend(tenant, new ArrayList<>(), Optional.of(start));
  }

  private Future<List<HolidayCalendar>> extend(
      String tenant, List<HolidayCalendar> chain, Optional<CalendarRef> next) {
    if (next.isEmpty() || chain.size() >= MAX_DEPTH) {
      return Future.succeededFuture(List.copyOf(chain));
    }
    // A tenant calendar's parent may be shared; a shared calendar's parents are all shared.
    String scope = next.get().scope() == CalendarRef.Scope.SHARED ? DocumentStore.PLATFORM : tenant;
    return load(tenant, next.get())
        .compose(
            calendar -> {
              if (calendar.isEmpty()) {
                return Future.succeededFuture(List.copyOf(chain));
              }
              chain.add(calendar.get());
              return extend(scope, chain, calendar.get().parent());
            });
  }

  /** Whether {@code date} is a holiday on the calendar {@code ref} (with its ancestors). */
  public Future<Optional<Holiday>> holidayOn(String tenant, CalendarRef ref, LocalDate date) {
    return chain(tenant, ref).map(chain -> HolidayCalendars.holidayOn(chain, date));
  }

  /** The holidays of {@code year} on the calendar {@code ref}, in date order. */
  public Future<List<Holiday>> holidaysIn(String tenant, CalendarRef ref, int year) {
    return chain(tenant, ref).map(chain -> HolidayCalendars.holidaysIn(chain, year));
  }

  /**
   * Refuses a parent that would make a loop or inherit too deeply, and a shared calendar that
   * inherits from a tenant's.
   */
  public Future<Void> checkParent(Scope scope, HolidayCalendar calendar) {
    if (calendar.parent().isEmpty()) {
      return Future.succeededFuture();
    }
    CalendarRef parent = calendar.parent().get();
    if (scope.isPlatform() && parent.scope() == CalendarRef.Scope.TENANT) {
      throw new InvalidInputException(
          "#/parent", "a shared calendar can inherit only from shared calendars ('shared:<id>')");
    }
    CalendarRef self =
        scope.isPlatform() ? CalendarRef.shared(calendar.id()) : CalendarRef.tenant(calendar.id());
    String tenant = scope.isPlatform() ? DocumentStore.PLATFORM : scope.id();
    return chain(tenant, parent)
        .map(
            ancestors -> {
              List<String> path = new ArrayList<>(List.of(self.toString()));
              CalendarRef at = parent;
              for (HolidayCalendar ancestor : ancestors) {
                path.add(at.toString());
                if (at.equals(self)) {
                  throw new InvalidInputException(
                      "#/parent", "would make a loop: " + String.join(" -> ", path));
                }
                at = ancestor.parent().orElse(null);
                if (at == null) {
                  return null;
                }
              }
              if (ancestors.size() >= MAX_DEPTH - 1) {
                throw new InvalidInputException(
                    "#/parent", "inherits more than " + MAX_DEPTH + " calendars deep");
              }
              return null;
            });
  }
}
