package io.civicline.ops.directory;

import io.civicline.core.directory.Department;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.signaling.store.NumberRegistry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The kinds of directory object the admin API serves, with the rules each needs. */
public final class Kinds {
  public final Kind<Tenant> tenant = new Kind<>(Tenant.COLLECTION, "tenant", "town", Tenant::parse);
  public final Kind<Department> departments =
      new Kind<>(Department.COLLECTION, "department", "dep", Department::parse);
  public final Kind<StaffMember> staff =
      new Kind<>(StaffMember.COLLECTION, "staff member", "stf", StaffMember::parse);
  public final Kind<PhoneNumber> numbers;
  public final Kind<HolidayCalendar> calendars;

  public Kinds(NumberRegistry registry, HolidayService holidays) {
    numbers =
        new Kind<>(
            PhoneNumber.COLLECTION, "number", "num", PhoneNumber::parse, numberHooks(registry));
    calendars =
        new Kind<>(
            HolidayCalendar.COLLECTION,
            "holiday calendar",
            "cal",
            (id, in) -> HolidayCalendar.fromJson(id, in.json(), in.errors()),
            new Kind.Hooks<>() {
              @Override
              public Future<Void> beforeWrite(
                  Scope scope, HolidayCalendar next, Optional<HolidayCalendar> previous) {
                return holidays.checkParent(scope, next);
              }
            });
  }

  /** The collections a tenant holds; a tenant can be deleted only once they are empty. */
  public List<Kind<?>> tenantCollections() {
    return List.of(departments, staff, numbers, calendars);
  }

  private static Kind.Hooks<PhoneNumber> numberHooks(NumberRegistry registry) {
    return new Kind.Hooks<>() {
      @Override
      public Future<Void> beforeWrite(
          Scope scope, PhoneNumber next, Optional<PhoneNumber> previous) {
        if (previous.isPresent() && !previous.get().number().equals(next.number())) {
          throw new InvalidInputException(
              "#/number", "cannot change; add the new number and delete this one");
        }
        return registry.claim(scope.id(), next.number());
      }

      @Override
      public Future<Void> afterDelete(Scope scope, PhoneNumber deleted) {
        return registry.release(scope.id(), deleted.number());
      }
    };
  }
}
