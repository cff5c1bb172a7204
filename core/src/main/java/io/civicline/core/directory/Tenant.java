package io.civicline.core.directory;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A town or county served by this deployment. Everything else belongs to exactly one tenant.
 *
 * @param holidayCalendar the town-wide calendar departments fall back to
 * @param outboundDialing where staff may call from the app; the home country when absent
 */
public record Tenant(
    String id,
    String name,
    ZoneId timeZone,
    String defaultLanguage,
    List<String> languages,
    Optional<CalendarRef> holidayCalendar,
    Optional<DialingPolicy> outboundDialing)
    implements DirectoryObject {

  public static final String COLLECTION = "tenant";

  /** Names no tenant may take: they name platform scopes or API paths. */
  public static final Set<String> RESERVED_IDS =
      Set.of("platform", "shared", "admin", "api", "all");

  public Tenant {
    languages = List.copyOf(languages);
  }

  /** Reads a tenant's fields; returns {@code null} when any is wrong (see the reader's errors). */
  public static Tenant parse(String id, ObjectReader in) {
    String name = in.string("name", true, 120);
    String zone = in.string("timeZone", true, 64, Formats::timeZone);
    List<String> languages = in.strings("languages", true, 10, Formats::language);
    String defaultLanguage = in.string("defaultLanguage", true, 16, Formats::language);
    if (languages != null && languages.isEmpty()) {
      in.errors().add(in.pointerOf("languages"), "must offer at least one language");
    }
    if (languages != null && defaultLanguage != null && !languages.contains(defaultLanguage)) {
      in.errors()
          .add(
              in.pointerOf("defaultLanguage"), "must be one of the languages offered " + languages);
    }
    CalendarRef calendar = CalendarRef.read(in, "holidayCalendar");
    DialingPolicy dialing = DialingPolicy.read(in, "outboundDialing");
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new Tenant(
        id,
        name,
        ZoneId.of(zone),
        defaultLanguage,
        languages,
        Optional.ofNullable(calendar),
        Optional.ofNullable(dialing));
  }

  @Override
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("timeZone", timeZone.getId())
            .put("defaultLanguage", defaultLanguage)
            .put("languages", new JsonArray(new ArrayList<>(languages)));
    holidayCalendar.ifPresent(ref -> json.put("holidayCalendar", ref.toString()));
    outboundDialing.ifPresent(policy -> json.put("outboundDialing", policy.toJson()));
    return json;
  }

  /** Where staff may call from the app when the resident sees {@code callerId}. */
  public DialingPolicy dialingPolicy(String callerId) {
    return outboundDialing.orElseGet(() -> DialingPolicy.homeCountryOf(callerId));
  }

  @Override
  public List<io.civicline.core.store.Ref> references() {
    return CalendarRef.tenantRefs(holidayCalendar, "#/holidayCalendar");
  }

  @Override
  public List<io.civicline.core.store.Ref> sharedReferences() {
    return CalendarRef.sharedRefs(holidayCalendar, "#/holidayCalendar");
  }
}
