package io.civicline.voicemail.message;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.core.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Voicemail messages of a tenant in Redis: one record per message, an index per mailbox (newest
 * first), the map from carrier recording to message (so a recording becomes one message however
 * often it is handed over), the count of new messages per mailbox (message waiting), an event
 * stream for notifiers, and audit records — each change in one atomic script in the tenant's slot.
 */
public final class MessageStore {
  private static final LuaScript CREATE = LuaScript.resource(MessageStore.class, "create.lua");
  private static final LuaScript UPDATE = LuaScript.resource(MessageStore.class, "update.lua");
  private static final LuaScript DELETE = LuaScript.resource(MessageStore.class, "delete.lua");

  private final Redis redis;
  private final Clock clock;

  public MessageStore(Redis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String messageKey(String tenant, String id) {
    return Keys.tenant(tenant, "vm", "msg", id);
  }

  static String mailboxKey(String tenant, String mailbox) {
    return Keys.tenant(tenant, "vm", "box", mailbox.replace(':', '.'));
  }

  static String sourcesKey(String tenant) {
    return Keys.tenant(tenant, "vm", "sources");
  }

  static String newCountsKey(String tenant) {
    return Keys.tenant(tenant, "vm", "new");
  }

  public static String eventsKey(String tenant) {
    return Keys.tenant(tenant, "vm", "events");
  }

  static String heldMailboxesKey(String tenant) {
    return Keys.tenant(tenant, "vm", "held-mailboxes");
  }

  /** The message a carrier recording became, if it was ingested already (even if since deleted). */
  public Future<Optional<String>> messageFor(String tenant, String source) {
    return redis
        .send(Request.cmd(Command.HGET).arg(sourcesKey(tenant)).arg(source))
        .map(id -> Optional.ofNullable(id).map(Object::toString));
  }

  /** Records a message; answers false when its recording was recorded before (nothing changes). */
  public Future<Boolean> create(String tenant, VoicemailMessage message, Actor actor) {
    List<String> keys =
        List.of(
            messageKey(tenant, message.id()),
            mailboxKey(tenant, message.mailbox()),
            sourcesKey(tenant),
            newCountsKey(tenant),
            eventsKey(tenant),
            DocumentStore.auditKey(tenant));
    List<String> args =
        List.of(
            message.id(),
            message.toJson().encode(),
            String.valueOf(message.receivedAt().toEpochMilli()),
            message.source(),
            message.mailbox(),
            clock.instant().toString(),
            actor.toJson().encode());
    return CREATE.run(redis, keys, args).map(result -> "created".equals(result.toString()));
  }

  public Future<Optional<VoicemailMessage>> get(String tenant, String id) {
    return redis
        .send(Request.cmd(Command.GET).arg(messageKey(tenant, id)))
        .map(
            json ->
                Optional.ofNullable(json)
                    .map(j -> VoicemailMessage.fromJson(new JsonObject(j.toString()))));
  }

  /** Replaces a message if it is still at its version; audits the change as {@code action}. */
  public Future<VoicemailMessage> update(
      String tenant, VoicemailMessage current, VoicemailMessage next, Actor actor, String action) {
    VoicemailMessage versioned = withVersion(next, current.version() + 1);
    List<String> keys =
        List.of(
            messageKey(tenant, current.id()),
            mailboxKey(tenant, current.mailbox()),
            mailboxKey(tenant, next.mailbox()),
            newCountsKey(tenant),
            DocumentStore.auditKey(tenant),
            eventsKey(tenant));
    List<String> args =
        List.of(
            String.valueOf(current.version()),
            versioned.toJson().encode(),
            String.valueOf(next.receivedAt().toEpochMilli()),
            current.id(),
            clock.instant().toString(),
            actor.toJson().encode(),
            action);
    return UPDATE
        .run(redis, keys, args)
        .map(
            result -> {
              String outcome = result.toString();
              if (outcome.equals("not-found")) {
                throw new StoreException.NotFound("voicemail " + current.id());
              }
              if (outcome.startsWith("version:")) {
                throw new StoreException.VersionMismatch(
                    "voicemail " + current.id(), Long.parseLong(outcome.substring(8)));
              }
              return versioned;
            });
  }

  /** What {@link #deleteUnchanged} did. */
  public enum Deletion {
    /** The record is gone and the deletion audited. */
    DELETED,
    /** There was no such record (deleted before, perhaps by another node). */
    NOT_FOUND,
    /** The message or its mailbox is on legal hold; nothing changed. */
    HELD,
    /** The message changed since it was read; nothing changed. */
    CHANGED
  }

  /** Deletes a message's record unless it or its mailbox is on legal hold (answers false then). */
  public Future<Boolean> delete(
      String tenant, VoicemailMessage message, Actor actor, String reason) {
    return delete(tenant, message, actor, reason, "").map(outcome -> outcome == Deletion.DELETED);
  }

  /**
   * Deletes a message's record only if it is still as read (at {@code message.version()}) and
   * neither it nor its mailbox is on legal hold, so a decision made from what was read (a retention
   * rule) is never applied to a message staff changed meanwhile.
   */
  public Future<Deletion> deleteUnchanged(
      String tenant, VoicemailMessage message, Actor actor, String reason) {
    return delete(tenant, message, actor, reason, String.valueOf(message.version()));
  }

  private Future<Deletion> delete(
      String tenant, VoicemailMessage message, Actor actor, String reason, String version) {
    List<String> keys =
        List.of(
            messageKey(tenant, message.id()),
            mailboxKey(tenant, message.mailbox()),
            sourcesKey(tenant),
            newCountsKey(tenant),
            DocumentStore.auditKey(tenant),
            heldMailboxesKey(tenant));
    List<String> args =
        List.of(message.id(), clock.instant().toString(), actor.toJson().encode(), reason, version);
    return DELETE
        .run(redis, keys, args)
        .map(
            result ->
                switch (result.toString()) {
                  case "ok" -> Deletion.DELETED;
                  case "not-found" -> Deletion.NOT_FOUND;
                  case "held" -> Deletion.HELD;
                  case "changed" -> Deletion.CHANGED;
                  default ->
                      throw new IllegalStateException("delete.lua answered " + result.toString());
                });
  }

  /**
   * Messages of a mailbox, newest first, that pass {@code filter}. The cursor names the last
   * message of the previous page (its time and id), so messages received in the same millisecond
   * are neither skipped nor repeated across pages, and deleting listed messages while paging moves
   * nothing.
   */
  public Future<Page<VoicemailMessage>> list(
      String tenant, String mailbox, Predicate<VoicemailMessage> filter, String cursor, int limit) {
    Position after;
    try {
      after = cursor == null ? null : Position.parse(cursor);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return scan(tenant, mailbox, filter, after, limit, new ArrayList<>());
  }

  /**
   * Where a listing stopped: a message's score (received-at millis) and id. The index orders
   * messages of the same score by id, so both together are a total order. Without an id (cursors of
   * older versions) everything at that score counts as listed.
   */
  private record Position(long score, String id) {
    static Position parse(String cursor) {
      int colon = cursor.indexOf(':');
      try {
        return colon < 0
            ? new Position(Long.parseLong(cursor), null)
            : new Position(Long.parseLong(cursor.substring(0, colon)), cursor.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a voicemail cursor: " + cursor, e);
      }
    }

    static Position of(VoicemailMessage message) {
      return new Position(message.receivedAt().toEpochMilli(), message.id());
    }

    String encode() {
      return score + ":" + id;
    }
  }

  private Future<Page<VoicemailMessage>> scan(
      String tenant,
      String mailbox,
      Predicate<VoicemailMessage> filter,
      Position after,
      int limit,
      List<VoicemailMessage> found) {
    int batch = Math.max(limit * 2, 50);
    String index = mailboxKey(tenant, mailbox);
    List<Request> ranges = new ArrayList<>();
    if (after != null && after.id() != null) {
      // The rest of the messages sharing the last one's score: all of them, newest id first.
      ranges.add(
          Request.cmd(Command.ZREVRANGEBYSCORE).arg(index).arg(after.score()).arg(after.score()));
    }
    ranges.add(
        Request.cmd(Command.ZREVRANGEBYSCORE)
            .arg(index)
            .arg(after == null ? "+inf" : "(" + after.score())
            .arg("-inf")
            .arg("LIMIT")
            .arg(0)
            .arg(batch));
    return redis
        .batch(ranges)
        .compose(
            responses -> {
              List<String> idList = new ArrayList<>();
              if (ranges.size() == 2) {
                responses
                    .get(0)
                    .forEach(
                        id -> {
                          if (id.toString().compareTo(after.id()) < 0) {
                            idList.add(id.toString());
                          }
                        });
              }
              Response rest = responses.get(ranges.size() - 1);
              boolean exhausted = rest.size() < batch;
              rest.forEach(id -> idList.add(id.toString()));
              if (idList.isEmpty()) {
                return Future.succeededFuture(new Page<>(List.copyOf(found), Optional.empty()));
              }
              List<Request> reads =
                  idList.stream()
                      .map(id -> Request.cmd(Command.GET).arg(messageKey(tenant, id)))
                      .toList();
              return redis
                  .batch(reads)
                  .compose(
                      values -> {
                        Position last = null;
                        for (Response value : values) {
                          if (value == null) {
                            continue;
                          }
                          VoicemailMessage message =
                              VoicemailMessage.fromJson(new JsonObject(value.toString()));
                          last = Position.of(message);
                          if (filter.test(message)) {
                            found.add(message);
                            if (found.size() == limit) {
                              return Future.succeededFuture(
                                  new Page<>(List.copyOf(found), Optional.of(last.encode())));
                            }
                          }
                        }
                        if (exhausted || last == null) {
                          return Future.succeededFuture(
                              new Page<>(List.copyOf(found), Optional.empty()));
                        }
                        return scan(tenant, mailbox, filter, last, limit, found);
                      });
            });
  }

  /**
   * Audits something done with a message that does not change it, e.g. playing its audio: {@code
   * action} on {@code voicemail/<id>}, {@code before} null and {@code after} {@code details}.
   */
  public Future<Void> audit(
      String tenant, VoicemailMessage message, Actor actor, String action, JsonObject details) {
    return audit(tenant, "voicemail/" + message.id(), message.version(), actor, action, details);
  }

  /** Records an access to a whole mailbox (e.g. an export) that changes nothing. */
  public Future<Void> auditMailbox(
      String tenant, String mailbox, Actor actor, String action, JsonObject details) {
    return audit(tenant, "mailboxes/" + mailbox.replace(':', '-'), 0, actor, action, details);
  }

  private Future<Void> audit(
      String tenant,
      String resource,
      long version,
      Actor actor,
      String action,
      JsonObject details) {
    Request add =
        Request.cmd(Command.XADD)
            .arg(DocumentStore.auditKey(tenant))
            .arg("*")
            .arg("at")
            .arg(clock.instant().toString())
            .arg("actor")
            .arg(actor.toJson().encode())
            .arg("action")
            .arg(action)
            .arg("resource")
            .arg(resource)
            .arg("version")
            .arg(version)
            .arg("before")
            .arg("null")
            .arg("after")
            .arg(details.encode());
    return redis.send(add).mapEmpty();
  }

  /** New messages per mailbox: the message-waiting state phones show. */
  public Future<Map<String, Long>> newCounts(String tenant) {
    return redis
        .send(Request.cmd(Command.HGETALL).arg(newCountsKey(tenant)))
        .map(
            response -> {
              Map<String, Long> counts = new HashMap<>();
              for (String key : response.getKeys()) {
                counts.put(key, response.get(key).toLong());
              }
              return counts;
            });
  }

  /** Puts a whole mailbox on legal hold (or lifts it): nothing in it is deleted while held. */
  public Future<Void> holdMailbox(String tenant, String mailbox, boolean held) {
    Command command = held ? Command.SADD : Command.SREM;
    return redis.send(Request.cmd(command).arg(heldMailboxesKey(tenant)).arg(mailbox)).mapEmpty();
  }

  public Future<Boolean> mailboxHeld(String tenant, String mailbox) {
    return redis
        .send(Request.cmd(Command.SISMEMBER).arg(heldMailboxesKey(tenant)).arg(mailbox))
        .map(r -> r.toInteger() == 1);
  }

  static VoicemailMessage withVersion(VoicemailMessage m, long version) {
    return m.with(c -> c.version = version);
  }
}
