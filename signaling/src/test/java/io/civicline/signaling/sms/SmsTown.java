package io.civicline.signaling.sms;

import static io.civicline.core.testing.RedisTestBed.await;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.UniqueValue;
import io.civicline.routing.sms.SmsRules;
import io.civicline.signaling.store.NumberRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Lakeside Township as texting sees it: Detroit time, English and Spanish, the Clerk and Public
 * Works open Monday to Friday 08:30-16:30, the main number, and its texting rules.
 */
final class SmsTown {
  static final String TENANT = "lakeside";
  static final String MAIN = "+12695550100";
  static final String RESIDENT = "+12075550123";

  static final String HELP_EN = "Lakeside Township texts. Reply STOP to opt out.";

  static final JsonObject RULES =
      new JsonObject(
          """
          {"defaultDepartment": "clerk",
           "keywords": [
             {"department": "public-works",
              "words": {"en": ["pothole", "street light"], "es": ["bache"]}}],
           "help": {"en": "%s", "es": "Mensajes de Lakeside. Responda STOP para darse de baja."}}
          """
              .formatted(HELP_EN));

  private SmsTown() {}

  static void seed(DocumentStore documents, NumberRegistry registry) {
    create(
        documents,
        "tenant",
        TENANT,
        new JsonObject(
            """
            {"name": "Lakeside Township", "timeZone": "America/Detroit",
             "languages": ["en", "es"], "defaultLanguage": "en"}
            """),
        List.of());
    JsonObject weekdays = new JsonObject();
    for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
      weekdays.put(
          day,
          new io.vertx.core.json.JsonArray()
              .add(new JsonObject().put("open", "08:30").put("close", "16:30")));
    }
    create(
        documents,
        "departments",
        "clerk",
        new JsonObject().put("name", "Clerk").put("hours", weekdays.copy()),
        List.of());
    create(
        documents,
        "departments",
        "public-works",
        new JsonObject().put("name", "Public Works").put("hours", weekdays.copy()),
        List.of());
    await(registry.claim(TENANT, MAIN));
    create(
        documents,
        PhoneNumber.COLLECTION,
        "main",
        new JsonObject().put("number", MAIN).put("label", "Main line"),
        List.of(new UniqueValue(PhoneNumber.NUMBER_CONSTRAINT, MAIN, "#/number")));
    create(documents, SmsRules.COLLECTION, SmsRules.ID, RULES, List.of());
  }

  private static void create(
      DocumentStore documents,
      String collection,
      String id,
      JsonObject body,
      List<UniqueValue> uniques) {
    await(
        documents.create(
            new DocumentStore.Write(
                TENANT, collection, id, body, List.of(), uniques, Actor.SYSTEM)));
  }
}
