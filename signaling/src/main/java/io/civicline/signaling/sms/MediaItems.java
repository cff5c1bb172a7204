package io.civicline.signaling.sms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attachments a webhook announces ({@code NumMedia}, {@code MediaUrl<i>}, {@code
 * MediaContentType<i>}). Only the media's id is taken from each URL: what is fetched is built from
 * it, so a forged URL cannot make the server fetch elsewhere.
 */
final class MediaItems {
  static final int MAX_ITEMS = 10;
  private static final Pattern MEDIA_SID = Pattern.compile("/(ME[0-9a-fA-F]{32})/?$");

  private MediaItems() {}

  /** One announced attachment; {@code sid} is null when its URL carries no media id. */
  record Item(String sid, String contentType) {}

  static List<Item> of(Map<String, String> params) {
    int count;
    try {
      count = Math.min(Integer.parseInt(params.getOrDefault("NumMedia", "0")), MAX_ITEMS);
    } catch (NumberFormatException e) {
      count = 0;
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Matcher sid = MEDIA_SID.matcher(params.getOrDefault("MediaUrl" + i, ""));
      items.add(
          new Item(
              sid.find() ? sid.group(1) : null,
              params.getOrDefault("MediaContentType" + i, "application/octet-stream")));
    }
    return items;
  }

  static JsonArray notKept(Map<String, String> params) {
    JsonArray refs = new JsonArray();
    for (Item item : of(params)) {
      refs.add(refused(item, "attachments are not kept on this deployment"));
    }
    return refs;
  }

  static JsonObject refused(Item item, String error) {
    JsonObject ref = new JsonObject().put("contentType", item.contentType()).put("error", error);
    if (item.sid() != null) {
      ref.put("sid", item.sid());
    }
    return ref;
  }
}
