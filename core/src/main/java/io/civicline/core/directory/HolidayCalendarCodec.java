package io.civicline.core.directory;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** JSON form of {@link HolidayCalendar}. */
final class HolidayCalendarCodec {
  private HolidayCalendarCodec() {}

  static HolidayCalendar read(String givenId, JsonObject body, FieldErrors errors) {
    int errorsBefore = errors.list().size();
    ObjectReader reader = ObjectReader.root(body, errors);
    String id = readId(reader, givenId);
    String name = reader.string("name", true, HolidayCalendar.MAX_NAME_LENGTH);
    CalendarRef parent = readParent(reader, id);
    List<String> exclude = readExclude(reader);
    List<HolidayRule> rules = readRules(reader);
    reader.rejectUnknownFields();
    if (errors.list().size() > errorsBefore) {
      return null;
    }
    return new HolidayCalendar(id, name, Optional.ofNullable(parent), rules, exclude);
  }

  static JsonObject write(HolidayCalendar calendar) {
    JsonObject json = new JsonObject().put("id", calendar.id()).put("name", calendar.name());
    calendar.parent().ifPresent(parent -> json.put("parent", parent.toString()));
    if (!calendar.exclude().isEmpty()) {
      json.put("exclude", new JsonArray(new ArrayList<>(calendar.exclude())));
    }
    JsonArray rules = new JsonArray();
    calendar.rules().forEach(rule -> rules.add(HolidayRuleCodec.write(rule)));
    return json.put("rules", rules);
  }

  /** The caller's id wins; a body {@code id} is accepted when it repeats it. */
  private static String readId(ObjectReader reader, String givenId) {
    String bodyId = reader.string("id", givenId == null, 48, Formats::slug);
    if (givenId != null && bodyId != null && !bodyId.equals(givenId)) {
      reader.errors().add(reader.pointerOf("id"), "must be '" + givenId + "' or left out");
    }
    return givenId != null ? givenId : bodyId;
  }

  private static CalendarRef readParent(ObjectReader reader, String id) {
    String text = reader.string("parent", false, 60, CalendarRef::problem);
    if (text == null) {
      return null;
    }
    CalendarRef parent = CalendarRef.parse(text);
    // A tenant calendar may share its id with a shared one; only the same scope makes a loop.
    if (parent.scope() == CalendarRef.Scope.TENANT && parent.id().equals(id)) {
      reader.errors().add(reader.pointerOf("parent"), "a calendar cannot be its own parent");
      return null;
    }
    return parent;
  }

  private static List<String> readExclude(ObjectReader reader) {
    List<String> exclude =
        reader.strings(
            "exclude", false, HolidayCalendar.MAX_RULES, HolidayCalendarCodec::nameProblem);
    if (exclude != null && !exclude.isEmpty() && !reader.has("parent")) {
      reader.errors().add(reader.pointerOf("exclude"), "needs a parent to exclude holidays from");
    }
    return exclude;
  }

  private static List<HolidayRule> readRules(ObjectReader reader) {
    List<ObjectReader> items = reader.objects("rules", false, HolidayCalendar.MAX_RULES);
    if (items == null) {
      return null;
    }
    Set<String> seenNames = new HashSet<>();
    List<HolidayRule> rules = new ArrayList<>();
    for (ObjectReader item : items) {
      rules.add(HolidayRuleCodec.read(item, seenNames));
    }
    return rules;
  }

  private static String nameProblem(String name) {
    return name.length() > HolidayRule.MAX_NAME_LENGTH
        ? "must be at most " + HolidayRule.MAX_NAME_LENGTH + " characters"
        : null;
  }
}
