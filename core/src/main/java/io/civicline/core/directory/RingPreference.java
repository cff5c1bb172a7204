package io.civicline.core.directory;

import io.civicline.core.store.Ref;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Where a staff member wants calls to ring them, chosen in the staff app: their CivicLine app (on
 * Asterisk: their SIP extension), their mobile number, or both. A flow's {@code ring} node still
 * decides which devices it rings at all; this narrows it per person. The id is the staff member's
 * id; without a document, both ring.
 */
public record RingPreference(String id, RingOn ringOn) implements DirectoryObject {
  public static final String COLLECTION = "ring-preferences";

  public enum RingOn {
    APP,
    MOBILE,
    BOTH;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean app() {
      return this != MOBILE;
    }

    public boolean mobile() {
      return this != APP;
    }
  }

  /** Members who never chose: both ring, as before there was a choice. */
  public static RingPreference defaultFor(String staffId) {
    return new RingPreference(staffId, RingOn.BOTH);
  }

  public static RingPreference parse(String id, ObjectReader in) {
    String ringOn =
        in.string(
            "ringOn",
            true,
            8,
            text ->
                List.of("app", "mobile", "both").contains(text)
                    ? null
                    : "must be app, mobile or both");
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new RingPreference(id, RingOn.valueOf(ringOn.toUpperCase(Locale.ROOT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("ringOn", ringOn.wire());
  }

  /** A preference names a staff member; it must exist (and goes with them). */
  @Override
  public List<Ref> references() {
    return List.of(new Ref(StaffMember.COLLECTION, id, "#"));
  }
}
