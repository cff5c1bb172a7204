package io.civicline.voicemail.notify;

import io.civicline.core.store.Actor;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.civicline.voicemail.transcribe.Transcriber;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about new messages. Reads each tenant's voicemail event stream as one consumer of a
 * group shared by all nodes, so every message is announced once whichever node picks it up;
 * transcribes it first (bounded in time), then notifies, and acknowledges the event only when the
 * notification went out or cannot ever go out. Events a dead node left unacknowledged are claimed
 * after a while.
 */
public final class NotificationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);
  static final String GROUP = "notifiers";
  static final Duration TRANSCRIPTION_LIMIT = Duration.ofSeconds(20);
  static final Duration CLAIM_AFTER = Duration.ofMinutes(1);
  static final Actor ACTOR = new Actor("system:transcriber", "Transcription");

  private final Redis redis;
  private final MessageStore messages;
  private final RecordingStore recordings;
  private final Transcriber transcriber;
  private final Notifier notifier;
  private final NoticeDetails details;
  private final String consumer;

  public NotificationWorker(
      Redis redis,
      MessageStore messages,
      RecordingStore recordings,
      Transcriber transcriber,
      Notifier notifier,
      NoticeDetails details,
      String consumer) {
    this.redis = redis;
    this.messages = messages;
    this.recordings = recordings;
    this.transcriber = transcriber;
    this.notifier = notifier;
    this.details = details;
    this.consumer = consumer;
  }

  /** Handles what is waiting for this tenant; answers how many events it settled. */
  public Future<Integer> runOnce(String tenant) {
    String stream = MessageStore.eventsKey(tenant);
    return ensureGroup(stream)
        .compose(v -> claimAbandoned(stream))
        .compose(v -> read(stream, "0"))
        .compose(mine -> mine.isEmpty() ? read(stream, ">") : Future.succeededFuture(mine))
        .compose(events -> settleAll(tenant, stream, events));
  }

  private record Event(String id, String message) {}

  private Future<Void> ensureGroup(String stream) {
    Request create =
        Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(GROUP).arg("0").arg("MKSTREAM");
    return redis
        .send(create)
        .<Void>mapEmpty()
        .recover(
            failure ->
                String.valueOf(failure.getMessage()).startsWith("BUSYGROUP")
                    ? Future.succeededFuture()
                    : Future.failedFuture(failure));
  }

  private Future<Void> claimAbandoned(String stream) {
    Request claim =
        Request.cmd(Command.XAUTOCLAIM)
            .arg(stream)
            .arg(GROUP)
            .arg(consumer)
            .arg(CLAIM_AFTER.toMillis())
            .arg("0")
            .arg("COUNT")
            .arg(20);
    return redis.send(claim).mapEmpty();
  }

  private Future<List<Event>> read(String stream, String from) {
    Request read =
        Request.cmd(Command.XREADGROUP)
            .arg("GROUP")
            .arg(GROUP)
            .arg(consumer)
            .arg("COUNT")
            .arg(20)
            .arg("STREAMS")
            .arg(stream)
            .arg(from);
    return redis.send(read).map(NotificationWorker::events);
  }

  /** XREADGROUP answers [[stream, [[id, [field, value...]]...]]] (or a map in RESP3). */
  private static List<Event> events(Response response) {
    List<Event> events = new ArrayList<>();
    if (response == null) {
      return events;
    }
    Response entries = entriesOf(response);
    for (Response entry : entries) {
      Response fields = entry.get(1);
      if (fields == null) {
        continue;
      }
      String message = null;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("message".equals(fields.get(i).toString())) {
          message = fields.get(i + 1).toString();
        }
      }
      events.add(new Event(entry.get(0).toString(), message));
    }
    return events;
  }

  private static Response entriesOf(Response response) {
    java.util.Set<String> keys = response.getKeys();
    if (keys != null && !keys.isEmpty()) {
      return response.get(keys.iterator().next());
    }
    return response.get(0).get(1);
  }

  private Future<Integer> settleAll(String tenant, String stream, List<Event> events) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Event event : events) {
      chain =
          chain.compose(
              done -> settle(tenant, stream, event).map(settled -> settled ? done + 1 : done));
    }
    return chain;
  }

  /** True when the event is done with (notified, or nothing to notify). */
  private Future<Boolean> settle(String tenant, String stream, Event event) {
    Future<Optional<VoicemailMessage>> message =
        event.message() == null
            ? Future.succeededFuture(Optional.empty())
            : messages.get(tenant, event.message());
    return message
        .compose(
            found -> found.isEmpty() ? Future.succeededFuture(true) : announce(tenant, found.get()))
        .compose(done -> done ? ack(stream, event.id()).map(true) : Future.succeededFuture(false))
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("event", event.id())
                  .setCause(failure)
                  .log("notification will be retried");
              return Future.succeededFuture(false);
            });
  }

  private Future<Boolean> announce(String tenant, VoicemailMessage message) {
    return transcribed(tenant, message)
        .compose(current -> details.describe(tenant, current))
        .compose(
            delivery -> {
              if (delivery.isEmpty() || delivery.get().recipients().isEmpty()) {
                return Future.succeededFuture(true);
              }
              return notifier
                  .notify(delivery.get().notice(), delivery.get().recipients())
                  .map(true)
                  .recover(
                      failure -> {
                        if (failure instanceof NotificationException refused
                            && !refused.temporary()) {
                          LOG.atError()
                              .addKeyValue("tenant", tenant)
                              .addKeyValue("message", message.id())
                              .log("notification refused for good");
                          return Future.succeededFuture(true);
                        }
                        return Future.failedFuture(failure);
                      });
            });
  }

  /** The message with a transcript when the transcriber gives one in time; never fails. */
  private Future<VoicemailMessage> transcribed(String tenant, VoicemailMessage message) {
    if (message.transcript().isPresent()) {
      return Future.succeededFuture(message);
    }
    return recordings
        .read(message.recordingKey(), message.sha256())
        .compose(audio -> transcriber.transcribe(message, audio))
        .timeout(TRANSCRIPTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
        .compose(
            text ->
                text.isEmpty()
                    ? Future.succeededFuture(message)
                    : messages.update(
                        tenant, message, withTranscript(message, text.get()), ACTOR, "transcribe"))
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("message", message.id())
                  .setCause(failure)
                  .log("no transcript");
              return Future.succeededFuture(message);
            });
  }

  private Future<Void> ack(String stream, String id) {
    return redis.send(Request.cmd(Command.XACK).arg(stream).arg(GROUP).arg(id)).mapEmpty();
  }

  private static VoicemailMessage withTranscript(VoicemailMessage m, String text) {
    return m.with(c -> c.transcript = Optional.of(text));
  }
}
