package io.civicline.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RingPreferenceTest {
  private static RingPreference parse(JsonObject json, FieldErrors errors) {
    return RingPreference.parse("jim", ObjectReader.root(json, errors));
  }

  @Test
  void eachChoiceRingsWhatItSays() {
    FieldErrors errors = new FieldErrors();
    RingPreference app = parse(new JsonObject().put("ringOn", "app"), errors);
    RingPreference mobile = parse(new JsonObject().put("ringOn", "mobile"), errors);
    RingPreference both = parse(new JsonObject().put("ringOn", "both"), errors);
    assertTrue(errors.isEmpty(), errors.list().toString());
    assertTrue(app.ringOn().app());
    assertFalse(app.ringOn().mobile());
    assertFalse(mobile.ringOn().app());
    assertTrue(mobile.ringOn().mobile());
    assertTrue(both.ringOn().app() && both.ringOn().mobile());
    assertEquals(new JsonObject().put("ringOn", "mobile"), mobile.toJson());
    assertEquals(RingPreference.RingOn.BOTH, RingPreference.defaultFor("x").ringOn());
  }

  @Test
  void badChoicesNameTheField() {
    FieldErrors errors = new FieldErrors();
    assertNull(parse(new JsonObject().put("ringOn", "pager").put("volume", 3), errors));
    assertEquals(
        "[#/ringOn: must be app, mobile or both, #/volume: unknown field]",
        errors.list().stream().map(e -> e.pointer() + ": " + e.detail()).toList().toString());
    FieldErrors missing = new FieldErrors();
    assertNull(parse(new JsonObject(), missing));
    assertEquals("#/ringOn", missing.list().get(0).pointer());
  }
}
