package io.civicline.mobileapi.support;

import io.civicline.mobileapi.texts.TextAttachments;
import io.civicline.mobileapi.texts.TextInbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A texting inbox held in memory, for the staff routes' own tests (membership checks, answers,
 * errors). The real one, the texting channel over Redis and Twilio, is tested end to end in ops.
 */
public final class MemoryTextInbox implements TextInbox, TextAttachments {
  private final Map<String, JsonObject> threads = new LinkedHashMap<>();
  private final Map<String, List<JsonObject>> messages = new LinkedHashMap<>();
  private final Set<String> optedOut = new java.util.HashSet<>();
  private final Map<String, JsonObject> replies = new LinkedHashMap<>();
  private final Map<String, Attachment> attachments = new LinkedHashMap<>();

  /** An attachment {@code mediaId} the resident sent on the thread. */
  public void attach(String tenant, String threadId, String mediaId, Attachment attachment) {
    attachments.put(tenant + "/" + threadId + "/" + mediaId, attachment);
  }

  @Override
  public Future<Optional<Attachment>> attachment(String tenant, String threadId, String mediaId) {
    return Future.succeededFuture(
        Optional.ofNullable(attachments.get(tenant + "/" + threadId + "/" + mediaId)));
  }

  /** A resident's text in a new thread of {@code tenant}'s {@code department}. */
  public String inbound(String tenant, String department, String resident, String body) {
    String id = department + "." + resident.replace("+", "");
    threads.put(
        tenant + "/" + id,
        new JsonObject()
            .put("id", id)
            .put("department", department)
            .put("resident", resident)
            .put("townNumber", "+12695550100"));
    messages
        .computeIfAbsent(tenant + "/" + id, k -> new ArrayList<>())
        .add(0, message(id, "inbound", body, "received"));
    return id;
  }

  public void optOut(String tenant, String threadId) {
    optedOut.add(tenant + "/" + threadId);
  }

  @Override
  public Future<List<JsonObject>> threads(String tenant, String department, int offset, int limit) {
    return Future.succeededFuture(
        threads.entrySet().stream()
            .filter(e -> e.getKey().startsWith(tenant + "/"))
            .map(Map.Entry::getValue)
            .filter(t -> t.getString("department").equals(department))
            .skip(offset)
            .limit(limit)
            .toList());
  }

  @Override
  public Future<Optional<JsonObject>> thread(String tenant, String threadId) {
    return Future.succeededFuture(Optional.ofNullable(threads.get(tenant + "/" + threadId)));
  }

  @Override
  public Future<List<JsonObject>> messages(String tenant, String threadId, int limit) {
    return Future.succeededFuture(
        messages.getOrDefault(tenant + "/" + threadId, List.of()).stream().limit(limit).toList());
  }

  @Override
  public Future<JsonObject> reply(
      String tenant, String threadId, String body, String staffId, Optional<String> key) {
    if (optedOut.contains(tenant + "/" + threadId)) {
      return Future.failedFuture(new TextInbox.OptedOut("the resident opted out (STOP)"));
    }
    if (key.isPresent() && replies.containsKey(key.get())) {
      return Future.succeededFuture(replies.get(key.get()));
    }
    JsonObject message = message(threadId, "outbound", body, "queued").put("author", staffId);
    messages.computeIfAbsent(tenant + "/" + threadId, k -> new ArrayList<>()).add(0, message);
    key.ifPresent(k -> replies.put(k, message));
    return Future.succeededFuture(message);
  }

  private JsonObject message(String threadId, String direction, String body, String status) {
    return new JsonObject()
        .put("id", "m" + messages.values().stream().mapToInt(List::size).sum())
        .put("threadId", threadId)
        .put("direction", direction)
        .put("body", body)
        .put("status", status);
  }
}
