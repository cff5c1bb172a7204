package io.civicline.routing.sms;

import io.civicline.routing.documents.DataDocuments;
import io.vertx.core.json.JsonObject;

/**
 * Turns a rules document, YAML or JSON (same schema), into a JSON object, with the same limits as
 * flow documents: plain data only, no duplicate keys, few aliases.
 */
public final class SmsRulesDocuments {
  static final int MAX_CHARS = 64 * 1024;

  private SmsRulesDocuments() {}

  public static JsonObject parse(String text) {
    return DataDocuments.parse(
        text,
        MAX_CHARS,
        "a texting rules document",
        "texting rules must be a mapping with 'defaultDepartment' and 'keywords'");
  }
}
