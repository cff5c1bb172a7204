package io.civicline.voicemail.message;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One voicemail message: who left it for which mailbox and when, where its audio is, and how staff
 * have handled it. Its id is derived from the carrier's recording id, so a repeated hand-over of
 * the same recording always means the same message.
 *
 * @param mailbox {@code department:<id>} or {@code staff:<id>}
 * @param source the carrier's recording, e.g. {@code twilio:RE...}
 */
public record VoicemailMessage(
    String id,
    String mailbox,
    String callId,
    String from,
    Instant receivedAt,
    int seconds,
    String language,
    String recordingKey,
    String sha256,
    long bytes,
    String source,
    Status status,
    Optional<String> assignedTo,
    Optional<String> note,
    Optional<String> transcript,
    boolean legalHold,
    Optional<Instant> handledAt,
    long version) {

  public enum Status {
    NEW,
    HEARD,
    HANDLED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A copy with some fields changed; every change goes through this one list of fields. */
  public VoicemailMessage with(java.util.function.Consumer<Change> edit) {
    Change change = new Change(this);
    edit.accept(change);
    return change.build();
  }

  /** The fields of a message, to change some of them (see {@link #with}). */
  public static final class Change {
    public String mailbox;
    public String recordingKey;
    public String sha256;
    public long bytes;
    public Status status;
    public Optional<String> assignedTo;
    public Optional<String> note;
    public Optional<String> transcript;
    public boolean legalHold;
    public Optional<Instant> handledAt;
    public long version;
    private final VoicemailMessage from;

    Change(VoicemailMessage from) {
      this.from = from;
      mailbox = from.mailbox;
      recordingKey = from.recordingKey;
      sha256 = from.sha256;
      bytes = from.bytes;
      status = from.status;
      assignedTo = from.assignedTo;
      note = from.note;
      transcript = from.transcript;
      legalHold = from.legalHold;
      handledAt = from.handledAt;
      version = from.version;
    }

    VoicemailMessage build() {
      return new VoicemailMessage(
          from.id,
          mailbox,
          from.callId,
          from.from,
          from.receivedAt,
          from.seconds,
          from.language,
          recordingKey,
          sha256,
          bytes,
          from.source,
          status,
          assignedTo,
          note,
          transcript,
          legalHold,
          handledAt,
          version);
    }
  }

  /** This message heard: a new message becomes heard; a heard or handled one stays as it is. */
  public VoicemailMessage heard() {
    return status == Status.NEW ? with(c -> c.status = Status.HEARD) : this;
  }

  public VoicemailMessage assigned(String staffId) {
    return with(c -> c.assignedTo = Optional.of(staffId));
  }

  /** Handled at {@code at}, with a note (the previous note is kept when there is none). */
  public VoicemailMessage handled(Optional<String> newNote, Instant at) {
    return with(
        c -> {
          c.status = Status.HANDLED;
          c.note = newNote.isPresent() ? newNote : note;
          c.handledAt = Optional.of(at);
        });
  }

  /** Moved to {@code target}: new there and unassigned, so its new owners see and take it. */
  public VoicemailMessage forwarded(String target) {
    return with(
        c -> {
          c.status = Status.NEW;
          c.assignedTo = Optional.empty();
          c.handledAt = Optional.empty();
          c.mailbox = target;
        });
  }

  public VoicemailMessage held(boolean hold) {
    return with(c -> c.legalHold = hold);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("mailbox", mailbox)
            .put("callId", callId)
            .put("from", from)
            .put("receivedAt", receivedAt.toString())
            .put("seconds", seconds)
            .put("language", language)
            .put("recordingKey", recordingKey)
            .put("sha256", sha256)
            .put("bytes", bytes)
            .put("source", source)
            .put("status", status.wire())
            .put("legalHold", legalHold)
            .put("version", version);
    assignedTo.ifPresent(v -> json.put("assignedTo", v));
    note.ifPresent(v -> json.put("note", v));
    transcript.ifPresent(v -> json.put("transcript", v));
    handledAt.ifPresent(v -> json.put("handledAt", v.toString()));
    return json;
  }

  public static VoicemailMessage fromJson(JsonObject json) {
    return new VoicemailMessage(
        json.getString("id"),
        json.getString("mailbox"),
        json.getString("callId", ""),
        json.getString("from", ""),
        Instant.parse(json.getString("receivedAt")),
        json.getInteger("seconds", 0),
        json.getString("language", "en"),
        json.getString("recordingKey"),
        json.getString("sha256"),
        json.getLong("bytes", 0L),
        json.getString("source", ""),
        Status.valueOf(json.getString("status", "new").toUpperCase(java.util.Locale.ROOT)),
        Optional.ofNullable(json.getString("assignedTo")),
        Optional.ofNullable(json.getString("note")),
        Optional.ofNullable(json.getString("transcript")),
        json.getBoolean("legalHold", false),
        Optional.ofNullable(json.getString("handledAt")).map(Instant::parse),
        json.getLong("version", 1L));
  }
}
