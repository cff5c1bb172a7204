package io.civicline.signaling.sms;

import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Threads, messages and opt-outs of towns' texting, in Redis. Every write is one Lua script (see
 * {@link SmsLua}); an inbound text is keyed by Twilio's MessageSid, so a retried webhook finds it
 * stored and changes nothing.
 */
public final class SmsStore {
  private final Redis redis;

  public SmsStore(Redis redis) {
    this.redis = redis;
  }

  /** An inbound text to store, with the reply (auto-reply, HELP or START answer) it triggers. */
  record Inbound(
      String tenant,
      String messageSid,
      String department,
      String resident,
      String townNumber,
      String language,
      String body,
      String command,
      JsonArray media,
      Optional<Outbound> reply,
      long autoReplyGapMillis,
      Instant now) {}

  /** An outbound text to queue. */
  record Outbound(String id, String kind, String author, String body) {}

  /** What storing an inbound text did. */
  enum InboundResult {
    DUPLICATE,
    STORED,
    REPLIED
  }

  /** What queuing a staff reply did. */
  public enum ReplyResult {
    QUEUED,
    DUPLICATE,
    OPTED_OUT,
    NO_THREAD
  }

  Future<InboundResult> inbound(Inbound in) {
    String threadId = SmsThread.id(in.department(), in.resident());
    String replyId = in.reply().map(Outbound::id).orElse("none");
    JsonObject fields =
        messageFields(
            in.messageSid(),
            threadId,
            SmsMessage.Direction.INBOUND,
            in.resident(),
            in.townNumber(),
            in.body(),
            "received",
            in.command().isEmpty() ? "text" : in.command(),
            null,
            in.now());
    fields.put("twilioSid", in.messageSid()).put("media", in.media().encode());
    String replyFields =
        in.reply()
            .map(
                r -> outboundFields(r, threadId, in.townNumber(), in.resident(), in.now()).encode())
            .orElse("");
    String job =
        in.reply()
            .map(r -> job(r.id(), in.tenant(), in.townNumber(), in.resident(), r.body(), 0))
            .orElse("");
    String t = in.tenant();
    List<String> keys =
        List.of(
            SmsKeys.message(t, in.messageSid()),
            SmsKeys.thread(t, threadId),
            SmsKeys.threadMessages(t, threadId),
            SmsKeys.departmentThreads(t, in.department()),
            SmsKeys.optOuts(t),
            SmsKeys.languages(t),
            SmsKeys.message(t, replyId),
            SmsKeys.outQueue(t, in.townNumber()),
            SmsKeys.outDue(t),
            SmsKeys.outPace(t),
            SmsKeys.outJobs(t),
            SmsKeys.conversations(t));
    List<String> args =
        List.of(
            fields.encode(),
            millis(in.now()),
            in.messageSid(),
            threadId,
            in.department(),
            in.resident(),
            in.townNumber(),
            in.language(),
            in.command(),
            replyFields,
            replyId,
            job,
            in.reply().map(Outbound::kind).orElse(""),
            String.valueOf(in.autoReplyGapMillis()));
    return registerSender(t)
        .compose(v -> SmsLua.INBOUND.run(redis, keys, args))
        .map(
            result ->
                switch (result.toString()) {
                  case "duplicate" -> InboundResult.DUPLICATE;
                  case "replied" -> InboundResult.REPLIED;
                  default -> InboundResult.STORED;
                });
  }

  /** Queues a text on a thread, from the number the resident last texted; refused after STOP. */
  Future<ReplyResult> reply(String tenant, SmsThread thread, Outbound text, Instant now) {
    String t = tenant;
    List<String> keys =
        List.of(
            SmsKeys.message(t, text.id()),
            SmsKeys.thread(t, thread.id()),
            SmsKeys.threadMessages(t, thread.id()),
            SmsKeys.departmentThreads(t, thread.department()),
            SmsKeys.optOuts(t),
            SmsKeys.outQueue(t, thread.townNumber()),
            SmsKeys.outDue(t),
            SmsKeys.outPace(t),
            SmsKeys.outJobs(t),
            SmsKeys.conversations(t));
    List<String> args =
        List.of(
            outboundFields(text, thread.id(), thread.townNumber(), thread.resident(), now).encode(),
            millis(now),
            text.id(),
            thread.id(),
            SmsKeys.optOutField(thread.townNumber(), thread.resident()),
            thread.townNumber(),
            job(text.id(), tenant, thread.townNumber(), thread.resident(), text.body(), 0),
            thread.department());
    return registerSender(t)
        .compose(v -> SmsLua.REPLY.run(redis, keys, args))
        .map(
            result ->
                switch (result.toString()) {
                  case "queued" -> ReplyResult.QUEUED;
                  case "duplicate" -> ReplyResult.DUPLICATE;
                  case "opted-out" -> ReplyResult.OPTED_OUT;
                  default -> ReplyResult.NO_THREAD;
                });
  }

  /**
   * Records a message's status (from Twilio's callback, or the sender's outcome); answers false
   * when the message is unknown or the status is not newer than what is stored.
   */
  public Future<Boolean> status(
      String tenant,
      String messageId,
      String status,
      Optional<String> errorCode,
      Optional<String> errorMessage,
      Optional<String> twilioSid,
      Instant now) {
    return SmsLua.STATUS
        .run(
            redis,
            List.of(SmsKeys.message(tenant, messageId)),
            statusArgs(messageId, status, errorCode, errorMessage, twilioSid, now))
        .map(result -> "updated".equals(result.toString()));
  }

  static List<String> statusArgs(
      String messageId,
      String status,
      Optional<String> errorCode,
      Optional<String> errorMessage,
      Optional<String> twilioSid,
      Instant now) {
    return List.of(
        status,
        millis(now),
        errorCode.orElse(""),
        errorMessage.orElse(""),
        twilioSid.orElse(""),
        messageId);
  }

  public Future<Optional<SmsMessage>> message(String tenant, String messageId) {
    return hash(SmsKeys.message(tenant, messageId)).map(h -> h.map(SmsMessage::fromHash));
  }

  public Future<Optional<SmsThread>> thread(String tenant, String threadId) {
    return hash(SmsKeys.thread(tenant, threadId)).map(h -> h.map(SmsThread::fromHash));
  }

  /** A department's threads, most recently active first. */
  public Future<List<SmsThread>> threads(String tenant, String department, int offset, int limit) {
    Request ids =
        Request.cmd(Command.ZREVRANGE)
            .arg(SmsKeys.departmentThreads(tenant, department))
            .arg(offset)
            .arg(offset + limit - 1);
    return redis
        .send(ids)
        .compose(
            response -> {
              List<Future<Optional<SmsThread>>> loads = new ArrayList<>();
              response.forEach(id -> loads.add(thread(tenant, id.toString())));
              return Future.all(loads)
                  .map(done -> loads.stream().flatMap(f -> f.result().stream()).toList());
            });
  }

  /**
   * Ids of a department's threads last active at or before {@code atMost} (epoch millis), most
   * recent first, from the {@code skip}th on: for paging by position rather than by offset.
   */
  public Future<List<String>> threadIdsActiveBy(
      String tenant, String department, long atMost, int skip, int count) {
    Request ids =
        Request.cmd(Command.ZREVRANGEBYSCORE)
            .arg(SmsKeys.departmentThreads(tenant, department))
            .arg(atMost)
            .arg("-inf")
            .arg("LIMIT")
            .arg(skip)
            .arg(count);
    return redis
        .send(ids)
        .map(
            response -> {
              List<String> list = new ArrayList<>();
              response.forEach(id -> list.add(id.toString()));
              return list;
            });
  }

  /**
   * A change of a thread's triage. Each field left empty stays as it is; an empty string in {@code
   * assignedTo} or {@code note} clears it.
   */
  public record Triage(
      Optional<String> assignedTo, Optional<Boolean> handled, Optional<String> note) {}

  /**
   * Applies {@code change} to a thread if it is at {@code expectedVersion} (when given), audited as
   * {@code action} by {@code actorJson}; answers the thread as it is then. Fails with {@link
   * StoreException.NotFound} or {@link StoreException.VersionMismatch}.
   */
  public Future<SmsThread> triage(
      String tenant,
      String threadId,
      OptionalLong expectedVersion,
      Triage change,
      String actorJson,
      String action,
      Instant now) {
    List<String> keys = List.of(SmsKeys.thread(tenant, threadId), DocumentStore.auditKey(tenant));
    List<String> args =
        List.of(
            expectedVersion.isPresent() ? String.valueOf(expectedVersion.getAsLong()) : "",
            change.assignedTo().map(a -> a.isEmpty() ? "clear" : "set").orElse(""),
            change.assignedTo().orElse(""),
            change.handled().map(h -> h ? "handled" : "open").orElse(""),
            change.note().map(n -> n.isEmpty() ? "clear" : "set").orElse(""),
            change.note().orElse(""),
            millis(now),
            now.toString(),
            actorJson,
            action,
            threadId);
    return SmsLua.TRIAGE
        .run(redis, keys, args)
        .compose(
            result -> {
              String outcome = result.toString();
              if (outcome.equals("not-found")) {
                throw new StoreException.NotFound("sms thread " + threadId);
              }
              if (outcome.startsWith("version:")) {
                throw new StoreException.VersionMismatch(
                    "sms thread " + threadId, Long.parseLong(outcome.substring(8)));
              }
              return thread(tenant, threadId);
            })
        .map(
            found ->
                found.orElseThrow(() -> new StoreException.NotFound("sms thread " + threadId)));
  }

  /** A thread's messages, newest first. */
  public Future<List<SmsMessage>> messages(String tenant, String threadId, int limit) {
    Request ids =
        Request.cmd(Command.LRANGE)
            .arg(SmsKeys.threadMessages(tenant, threadId))
            .arg(-limit)
            .arg(-1);
    return redis
        .send(ids)
        .compose(
            response -> {
              List<Future<Optional<SmsMessage>>> loads = new ArrayList<>();
              response.forEach(id -> loads.add(0, message(tenant, id.toString())));
              return Future.all(loads)
                  .map(done -> loads.stream().flatMap(f -> f.result().stream()).toList());
            });
  }

  /** Whether the resident texted STOP to this town number (and not START since). */
  public Future<Boolean> optedOut(String tenant, String townNumber, String resident) {
    return redis
        .send(
            Request.cmd(Command.HEXISTS)
                .arg(SmsKeys.optOuts(tenant))
                .arg(SmsKeys.optOutField(townNumber, resident)))
        .map(response -> response.toInteger() == 1);
  }

  /** The department the resident last talked with on this number, and when. */
  public record Conversation(String department, Instant at) {}

  public Future<Optional<Conversation>> conversation(
      String tenant, String townNumber, String resident) {
    return redis
        .send(
            Request.cmd(Command.HGET)
                .arg(SmsKeys.conversations(tenant))
                .arg(SmsKeys.optOutField(townNumber, resident)))
        .map(
            value -> {
              if (value == null) {
                return Optional.empty();
              }
              String text = value.toString();
              int bar = text.lastIndexOf('|');
              return Optional.of(
                  new Conversation(
                      text.substring(0, bar),
                      Instant.ofEpochMilli(Long.parseLong(text.substring(bar + 1)))));
            });
  }

  /** The language the resident last wrote in, if they ever texted the town. */
  public Future<Optional<String>> language(String tenant, String resident) {
    return redis
        .send(Request.cmd(Command.HGET).arg(SmsKeys.languages(tenant)).arg(resident))
        .map(value -> Optional.ofNullable(value).map(Response::toString));
  }

  public Future<Boolean> exists(String tenant, String messageId) {
    return redis
        .send(Request.cmd(Command.EXISTS).arg(SmsKeys.message(tenant, messageId)))
        .map(response -> response.toInteger() == 1);
  }

  /** Remembers that the town has outgoing texts, for senders on every node to find. */
  private Future<Void> registerSender(String tenant) {
    return redis.send(Request.cmd(Command.SADD).arg(SmsKeys.outTenants()).arg(tenant)).mapEmpty();
  }

  private Future<Optional<Map<String, String>>> hash(String key) {
    return redis
        .send(Request.cmd(Command.HGETALL).arg(key))
        .map(
            response -> {
              if (response == null || response.size() == 0) {
                return Optional.empty();
              }
              Map<String, String> map = new HashMap<>();
              for (String field : response.getKeys()) {
                map.put(field, response.get(field).toString());
              }
              return Optional.of(map);
            });
  }

  private static JsonObject outboundFields(
      Outbound text, String threadId, String townNumber, String resident, Instant now) {
    return messageFields(
        text.id(),
        threadId,
        SmsMessage.Direction.OUTBOUND,
        townNumber,
        resident,
        text.body(),
        "pending",
        text.kind(),
        text.author(),
        now);
  }

  private static JsonObject messageFields(
      String id,
      String threadId,
      SmsMessage.Direction direction,
      String from,
      String to,
      String body,
      String status,
      String kind,
      String author,
      Instant now) {
    JsonObject fields =
        new JsonObject()
            .put("id", id)
            .put("thread", threadId)
            .put("direction", direction.wire())
            .put("from", from)
            .put("to", to)
            .put("body", body)
            .put("status", status)
            .put("kind", kind)
            .put("createdAt", millis(now))
            .put("updatedAt", millis(now));
    if (author != null) {
      fields.put("author", author);
    }
    return fields;
  }

  static String job(String id, String tenant, String from, String to, String body, int attempts) {
    return new JsonObject()
        .put("id", id)
        .put("tenant", tenant)
        .put("from", from)
        .put("to", to)
        .put("body", body)
        .put("attempts", attempts)
        .encode();
  }

  static String millis(Instant now) {
    return String.valueOf(now.toEpochMilli());
  }
}
