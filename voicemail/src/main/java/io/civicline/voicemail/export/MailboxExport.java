package io.civicline.voicemail.export;

import io.civicline.core.store.Page;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a mailbox's messages in a date range as a ZIP for a records request: {@code
 * audio/<messageId>.wav} for each message, read through {@link RecordingStore#read} so every file
 * is verified against the checksum taken when it was stored, and {@code manifest.json} and {@code
 * manifest.csv} (RFC 4180, UTF-8, CRLF) describing each message, oldest first. The CSV starts with
 * a byte-order mark, without which spreadsheet programs read UTF-8 accents as another encoding, and
 * a note that a spreadsheet would run as a formula is kept as text.
 *
 * <p>A recording that cannot be read or no longer matches its checksum fails the export with an
 * {@link ExportException} naming the message. The ZIP is only finished (its directory written) when
 * every message was written, so a failed export never looks like a complete one; the caller owns
 * {@code out}, closes it, and discards it on failure. The blocking ZIP writing runs on worker
 * threads, one recording in memory at a time.
 */
public final class MailboxExport {
  static final int PAGE = 200;
  static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final String FORMULA_STARTS = "=+-@\t\r";
  static final List<String> COLUMNS =
      List.of(
          "id",
          "receivedAt",
          "from",
          "seconds",
          "status",
          "assignedTo",
          "note",
          "handledAt",
          "legalHold",
          "file",
          "sha256",
          "bytes");

  private final Vertx vertx;
  private final MessageStore messages;
  private final RecordingStore recordings;
  private final Clock clock;

  public MailboxExport(Vertx vertx, MessageStore messages, RecordingStore recordings, Clock clock) {
    this.vertx = vertx;
    this.messages = messages;
    this.recordings = recordings;
    this.clock = clock;
  }

  /** Same as {@link #write(String, String, Optional, Optional, OutputStream, ExportProgress)}. */
  public Future<ExportSummary> write(
      String tenant,
      String mailbox,
      Optional<Instant> from,
      Optional<Instant> to,
      OutputStream out) {
    return write(tenant, mailbox, from, to, out, ExportProgress.NONE);
  }

  /**
   * Writes the messages received in {@code [from, to)} (either end open when empty) to {@code out}
   * as a ZIP; {@code out} is flushed, not closed.
   */
  public Future<ExportSummary> write(
      String tenant,
      String mailbox,
      Optional<Instant> from,
      Optional<Instant> to,
      OutputStream out,
      ExportProgress progress) {
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "the range is empty: from " + from.get() + " is not before to " + to.get()));
    }
    Instant generatedAt = clock.instant();
    Predicate<VoicemailMessage> inRange =
        m ->
            from.map(f -> !m.receivedAt().isBefore(f)).orElse(true)
                && to.map(t -> m.receivedAt().isBefore(t)).orElse(true);
    return collect(tenant, mailbox, inRange, null, new ArrayList<>())
        .compose(
            found -> {
              List<VoicemailMessage> ordered =
                  found.stream()
                      .sorted(
                          Comparator.comparing(VoicemailMessage::receivedAt)
                              .thenComparing(VoicemailMessage::id))
                      .toList();
              ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8);
              progress.update(0, ordered.size());
              Future<Long> chain = Future.succeededFuture(0L);
              for (int i = 0; i < ordered.size(); i++) {
                VoicemailMessage message = ordered.get(i);
                int done = i + 1;
                chain =
                    chain.compose(
                        bytes ->
                            writeAudio(zip, message)
                                .map(
                                    written -> {
                                      progress.update(done, ordered.size());
                                      return bytes + written;
                                    }));
              }
              return chain.compose(
                  audioBytes ->
                      vertx.executeBlocking(
                          () -> {
                            entry(zip, "manifest.json", generatedAt)
                                .write(
                                    json(tenant, mailbox, from, to, generatedAt, ordered)
                                        .getBytes(StandardCharsets.UTF_8));
                            entry(zip, "manifest.csv", generatedAt)
                                .write(csv(ordered).getBytes(StandardCharsets.UTF_8));
                            zip.finish();
                            zip.flush();
                            return new ExportSummary(ordered.size(), audioBytes);
                          },
                          false));
            });
  }

  private Future<List<VoicemailMessage>> collect(
      String tenant,
      String mailbox,
      Predicate<VoicemailMessage> inRange,
      String cursor,
      List<VoicemailMessage> found) {
    return messages
        .list(tenant, mailbox, inRange, cursor, PAGE)
        .compose(
            (Page<VoicemailMessage> page) -> {
              found.addAll(page.items());
              return page.next().isEmpty()
                  ? Future.succeededFuture(found)
                  : collect(tenant, mailbox, inRange, page.next().get(), found);
            });
  }

  private Future<Long> writeAudio(ZipOutputStream zip, VoicemailMessage message) {
    return recordings
        .read(message.recordingKey(), message.sha256())
        .recover(
            failure ->
                Future.failedFuture(
                    new ExportException(
                        failure instanceof RecordingStore.CorruptRecordingException
                            ? "export stopped: the recording of message "
                                + message.id()
                                + " does not match its checksum (damaged or altered)"
                            : "export stopped: the recording of message "
                                + message.id()
                                + " could not be read: "
                                + failure,
                        failure)))
        .compose(
            audio ->
                vertx.executeBlocking(
                    () -> {
                      entry(zip, fileName(message), message.receivedAt()).write(audio);
                      return (long) audio.length;
                    },
                    false));
  }

  private static ZipOutputStream entry(ZipOutputStream zip, String name, Instant time)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(time.toEpochMilli());
    zip.putNextEntry(entry);
    return zip;
  }

  static String fileName(VoicemailMessage message) {
    return "audio/" + message.id() + ".wav";
  }

  static String json(
      String tenant,
      String mailbox,
      Optional<Instant> from,
      Optional<Instant> to,
      Instant generatedAt,
      List<VoicemailMessage> messages) {
    JsonArray items = new JsonArray();
    for (VoicemailMessage m : messages) {
      items.add(
          new JsonObject()
              .put("id", m.id())
              .put("receivedAt", m.receivedAt().toString())
              .put("from", m.from())
              .put("seconds", m.seconds())
              .put("status", m.status().wire())
              .put("assignedTo", m.assignedTo().orElse(null))
              .put("note", m.note().orElse(null))
              .put("handledAt", m.handledAt().map(Instant::toString).orElse(null))
              .put("legalHold", m.legalHold())
              .put("file", fileName(m))
              .put("sha256", m.sha256())
              .put("bytes", m.bytes()));
    }
    return new JsonObject()
        .put("tenant", tenant)
        .put("mailbox", mailbox)
        .put(
            "range",
            new JsonObject()
                .put("from", from.map(Instant::toString).orElse(null))
                .put("to", to.map(Instant::toString).orElse(null)))
        .put("generatedAt", generatedAt.toString())
        .put("messages", items)
        .encodePrettily();
  }

  static String csv(List<VoicemailMessage> messages) {
    StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK);
    row(csv, COLUMNS);
    for (VoicemailMessage m : messages) {
      row(
          csv,
          List.of(
              m.id(),
              m.receivedAt().toString(),
              m.from(),
              String.valueOf(m.seconds()),
              m.status().wire(),
              m.assignedTo().orElse(""),
              m.note().map(MailboxExport::asText).orElse(""),
              m.handledAt().map(Instant::toString).orElse(""),
              String.valueOf(m.legalHold()),
              fileName(m),
              m.sha256(),
              String.valueOf(m.bytes())));
    }
    return csv.toString();
  }

  private static void row(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(field(fields.get(i)));
    }
    csv.append("\r\n");
  }

  /**
   * Text typed by people, as a spreadsheet cell that shows it rather than runs it: a cell starting
   * with {@code = + - @}, a tab or a CR is a formula to Excel and its kin (CSV injection), so it
   * gets a leading apostrophe, which they hide.
   */
  static String asText(String typed) {
    return !typed.isEmpty() && FORMULA_STARTS.indexOf(typed.charAt(0)) >= 0 ? "'" + typed : typed;
  }

  /** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** The ZIP must not close the caller's stream. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
