package io.civicline.ops.staff;

import io.civicline.core.store.Actor;
import io.civicline.core.store.StoreException;
import io.civicline.mobileapi.inbox.InboxChange;
import io.civicline.mobileapi.inbox.InboxItem;
import io.civicline.mobileapi.inbox.InboxPosition;
import io.civicline.mobileapi.inbox.InboxQuery;
import io.civicline.mobileapi.inbox.InboxSource;
import io.civicline.mobileapi.inbox.VoicemailAudio;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Departments' voicemail in the staff inbox, through the same {@link MessageStore} operations as
 * the admin API's mailbox routes: the same listing, the same versioned, audited updates, the same
 * "play" audit. Only department mailboxes are in an inbox; a staff member's own mailbox is not.
 */
public final class VoicemailInboxSource implements InboxSource, VoicemailAudio {
  private static final Pattern MESSAGE_ID = Pattern.compile("vm-[0-9a-f]{24}");
  private static final String DEPARTMENT = "department:";
  private static final int PREVIEW = 140;

  private final MessageStore messages;
  private final RecordingStore recordings;
  private final Clock clock;

  public VoicemailInboxSource(MessageStore messages, RecordingStore recordings, Clock clock) {
    this.messages = messages;
    this.recordings = recordings;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return InboxItem.VOICEMAIL;
  }

  @Override
  public Future<List<InboxItem>> list(
      String tenant,
      String department,
      InboxQuery query,
      Optional<InboxPosition> after,
      int limit) {
    return messages
        .list(
            tenant,
            DEPARTMENT + department,
            message -> query.matches(item(message)),
            after.map(InboxPosition::encode).orElse(null),
            limit)
        .map(page -> page.items().stream().map(VoicemailInboxSource::item).toList());
  }

  @Override
  public Future<Optional<InboxItem>> get(String tenant, String id) {
    return message(tenant, id).map(found -> found.map(VoicemailInboxSource::item));
  }

  @Override
  public Future<InboxItem> change(
      String tenant, String id, InboxChange change, OptionalLong expectedVersion, Actor actor) {
    return message(tenant, id)
        .compose(
            found -> {
              VoicemailMessage current =
                  found.orElseThrow(() -> new StoreException.NotFound("voicemail " + id));
              if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
                throw new StoreException.VersionMismatch("voicemail " + id, current.version());
              }
              VoicemailMessage next = applied(current, change);
              if (next.equals(current)) {
                return Future.succeededFuture(current);
              }
              return messages.update(tenant, current, next, actor, change.action());
            })
        .map(VoicemailInboxSource::item);
  }

  private VoicemailMessage applied(VoicemailMessage current, InboxChange change) {
    VoicemailMessage next = current;
    if (change.handled().orElse(false) && current.status() != VoicemailMessage.Status.HANDLED) {
      next = next.handled(Optional.empty(), clock.instant());
    }
    return next.with(
        c -> {
          change
              .assignedTo()
              .ifPresent(a -> c.assignedTo = Optional.of(a).filter(s -> !s.isEmpty()));
          change.note().ifPresent(n -> c.note = Optional.of(n).filter(s -> !s.isEmpty()));
          if (change.handled().filter(h -> !h).isPresent()
              && c.status == VoicemailMessage.Status.HANDLED) {
            // Reopened: listened to already, so heard rather than new.
            c.status = VoicemailMessage.Status.HEARD;
            c.handledAt = Optional.empty();
          }
        });
  }

  @Override
  public Future<Optional<byte[]>> play(String tenant, String messageId, Actor actor) {
    return message(tenant, messageId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              VoicemailMessage message = found.get();
              JsonObject details =
                  new JsonObject().put("mailbox", message.mailbox()).put("range", "full");
              return recordings
                  .read(message.recordingKey(), message.sha256())
                  .compose(
                      wav ->
                          messages
                              .audit(tenant, message, actor, "play", details)
                              .compose(v -> heard(tenant, message, actor))
                              .map(v -> Optional.of(wav)));
            });
  }

  /** Listened to in the app: no longer new (as the admin API's "mark-heard"). */
  private Future<Void> heard(String tenant, VoicemailMessage message, Actor actor) {
    VoicemailMessage heard = message.heard();
    if (heard.equals(message)) {
      return Future.succeededFuture();
    }
    return messages
        .update(tenant, message, heard, actor, "mark-heard")
        // Changed meanwhile by someone else: it was played all the same.
        .<Void>mapEmpty()
        .recover(
            failure ->
                failure instanceof StoreException.VersionMismatch
                    ? Future.succeededFuture()
                    : Future.failedFuture(failure));
  }

  /** A department mailbox's message; anything else is not in an inbox. */
  private Future<Optional<VoicemailMessage>> message(String tenant, String id) {
    if (!MESSAGE_ID.matcher(id).matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    return messages
        .get(tenant, id)
        .map(found -> found.filter(m -> m.mailbox().startsWith(DEPARTMENT)));
  }

  static InboxItem item(VoicemailMessage m) {
    String transcript = m.transcript().orElse("");
    JsonObject details =
        new JsonObject()
            .put("receivedAt", m.receivedAt().toString())
            .put("seconds", m.seconds())
            .put("language", m.language());
    m.transcript().ifPresent(t -> details.put("transcript", t));
    return new InboxItem(
        InboxItem.VOICEMAIL,
        m.id(),
        m.mailbox().substring(DEPARTMENT.length()),
        m.from(),
        transcript.length() > PREVIEW ? transcript.substring(0, PREVIEW) + "…" : transcript,
        m.receivedAt(),
        m.status() == VoicemailMessage.Status.HANDLED,
        m.assignedTo(),
        m.note(),
        m.handledAt(),
        m.status() == VoicemailMessage.Status.NEW,
        m.version(),
        details,
        String.join("\n", m.from(), m.note().orElse(""), transcript));
  }
}
