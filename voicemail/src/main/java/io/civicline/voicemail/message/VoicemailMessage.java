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

  /** This message heard: a new message becomes heard; a heard or handled one stays as it is. */
  public VoicemailMessage heard() {
    return status == Status.NEW ? with(Status.HEARD, assignedTo, note, handledAt, mailbox) : this;
  }

  public VoicemailMessage assigned(String staffId) {
    return with(status, Optional.of(staffId), note, handledAt, mailbox);
  }

  /** Handled at {@code at}, with a note (the previous note is kept when there is none). */
  public VoicemailMessage handled(Optional<String> newNote, Instant at) {
    return with(
        Status.HANDLED, assignedTo, newNote.isPresent() ? newNote : note, Optional.of(at), mailbox);
  }

  /** Moved to {@code target}: new there and unassigned, so its new owners see and take it. */
  public VoicemailMessage forwarded(String target) {
    return with(Status.NEW, Optional.empty(), note, Optional.empty(), target);
  }

  public VoicemailMessage held(boolean hold) {
    return new VoicemailMessage(
        id,
        mailbox,
        callId,
        from,
        receivedAt,
        seconds,
        language,
        recordingKey,
        sha256,
        bytes,
        source,
        status,
        assignedTo,
        note,
        transcript,
        hold,
        handledAt,
        version);
  }

  private VoicemailMessage with(
      Status newStatus,
      Optional<String> newAssignee,
      Optional<String> newNote,
      Optional<Instant> newHandledAt,
      String newMailbox) {
    return new VoicemailMessage(
        id,
        newMailbox,
        callId,
        from,
        receivedAt,
        seconds,
        language,
        recordingKey,
        sha256,
        bytes,
        source,
        newStatus,
        newAssignee,
        newNote,
        transcript,
        legalHold,
        newHandledAt,
        version);
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
