package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names a holiday calendar: a tenant's own ({@code town-hall}) or a shared one maintained by
 * CivicLine ({@code shared:us-federal}). Tenant and shared ids live in separate namespaces.
 */
public record CalendarRef(Scope scope, String id) {
  private static final String SHARED_PREFIX = "shared:";
  private static final String FORMAT =
      "must be a calendar id, or 'shared:' and the id of a shared calendar (e.g."
          + " 'shared:us-federal')";

  /** Where a calendar lives. */
  public enum Scope {
    TENANT,
    SHARED
  }

  public CalendarRef {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    if (Formats.slug(id) != null) {
      throw new IllegalArgumentException("Invalid calendar id: " + id);
    }
  }

  public static CalendarRef tenant(String id) {
    return new CalendarRef(Scope.TENANT, id);
  }

  public static CalendarRef shared(String id) {
    return new CalendarRef(Scope.SHARED, id);
  }

  /**
   * Parses {@code shared:<id>} or {@code <id>}.
   *
   * @throws IllegalArgumentException when {@link #problem(String)} finds one
   */
  public static CalendarRef parse(String text) {
    if (problem(text) != null) {
      throw new IllegalArgumentException("Invalid calendar reference: " + text);
    }
    return text.startsWith(SHARED_PREFIX)
        ? shared(text.substring(SHARED_PREFIX.length()))
        : tenant(text);
  }

  /** An error detail when {@code text} is no calendar reference, else {@code null}. */
  public static String problem(String text) {
    String id = text.startsWith(SHARED_PREFIX) ? text.substring(SHARED_PREFIX.length()) : text;
    return Formats.slug(id) == null ? null : FORMAT;
  }

  /** Reads an optional reference field; {@code null} when absent or wrong (error recorded). */
  public static CalendarRef read(ObjectReader reader, String field) {
    String text = reader.string(field, false, 60, CalendarRef::problem);
    return text == null ? null : parse(text);
  }

  /** The store reference an optional calendar field makes within its tenant, if any. */
  public static List<Ref> tenantRefs(Optional<CalendarRef> field, String pointer) {
    return field.flatMap(ref -> ref.tenantRef(pointer)).map(List::of).orElse(List.of());
  }

  /** The platform-wide reference an optional calendar field makes, if any. */
  public static List<Ref> sharedRefs(Optional<CalendarRef> field, String pointer) {
    return field.flatMap(ref -> ref.sharedRef(pointer)).map(List::of).orElse(List.of());
  }

  /** This reference as a store reference within the tenant, when it names a tenant calendar. */
  public Optional<Ref> tenantRef(String pointer) {
    return scope == Scope.TENANT
        ? Optional.of(new Ref(HolidayCalendar.COLLECTION, id, pointer))
        : Optional.empty();
  }

  /** This reference as a reference to a platform-wide calendar, when it names a shared one. */
  public Optional<Ref> sharedRef(String pointer) {
    return scope == Scope.SHARED
        ? Optional.of(new Ref(HolidayCalendar.COLLECTION, id, pointer))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return scope == Scope.SHARED ? SHARED_PREFIX + id : id;
  }
}
