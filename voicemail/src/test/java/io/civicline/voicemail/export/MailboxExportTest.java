package io.civicline.voicemail.export;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.ports.RecordingSink;
import io.civicline.core.store.Actor;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.message.VoicemailMessage.Status;
import io.civicline.voicemail.store.FileRecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class MailboxExportTest {
  private static final String TENANT = "lakeside";
  private static final String CLERK = "department:clerk";
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-04-01T10:00:00Z");
  private static final Instant T3 = Instant.parse("2026-05-01T10:00:00Z");
  private static final String NOTE = "Caller said: \"pothole, Elm St\"\r\nsecond line, café ñ";

  private final RedisServer server;
  @TempDir Path dir;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private FileRecordingStore files;
  private MessageStore messages;
  private VoicemailIngest ingest;
  private MailboxExport export;
  private int sources;

  MailboxExportTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    files = new FileRecordingStore(vertx, dir.resolve("recordings"));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    messages = new MessageStore(redis, clock);
    ingest = new VoicemailIngest(files, messages, (audio, expected) -> expected);
    export = new MailboxExport(vertx, messages, files, clock);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private VoicemailMessage received(String mailbox, Instant at, byte[] audio) {
    String source = "twilio:RE" + (++sources);
    RecordingSink.Recording recording =
        new RecordingSink.Recording(
            TENANT, mailbox, "CA" + sources, "+1207555010" + sources, source, 7, "en", at);
    String id = await(ingest.ingest(recording, () -> Future.succeededFuture(audio))).messageId();
    return await(messages.get(TENANT, id)).orElseThrow();
  }

  private VoicemailMessage handled(VoicemailMessage m, String assignee, String note) {
    VoicemailMessage next =
        new VoicemailMessage(
            m.id(),
            m.mailbox(),
            m.callId(),
            m.from(),
            m.receivedAt(),
            m.seconds(),
            m.language(),
            m.recordingKey(),
            m.sha256(),
            m.bytes(),
            m.source(),
            Status.HANDLED,
            Optional.of(assignee),
            Optional.of(note),
            m.transcript(),
            true,
            Optional.of(m.receivedAt().plus(Duration.ofDays(2))),
            m.version());
    return await(messages.update(TENANT, m, next, new Actor("tok-1", "clerk"), "handle"));
  }

  private static byte[] audio(int seed, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7);
    }
    return bytes;
  }

  private Map<String, byte[]> export(Optional<Instant> from, Optional<Instant> to) {
    return export(from, to, ExportProgress.NONE);
  }

  private Map<String, byte[]> export(
      Optional<Instant> from, Optional<Instant> to, ExportProgress progress) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    await(export.write(TENANT, CLERK, from, to, out, progress));
    return unzip(out.toByteArray());
  }

  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return entries;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void theManifestDescribesEveryMessageAndItsChecksumsVerifyAgainstTheZippedAudio()
      throws Exception {
    VoicemailMessage first = received(CLERK, T1, audio(1, 5000));
    VoicemailMessage second = handled(received(CLERK, T2, audio(2, 70_000)), "staff:7", NOTE);
    VoicemailMessage third = received(CLERK, T3, audio(3, 1));
    received("department:roads", T2, audio(4, 10));
    List<String> updates = new CopyOnWriteArrayList<>();

    Map<String, byte[]> zip =
        export(
            Optional.empty(), Optional.empty(), (done, total) -> updates.add(done + "/" + total));

    assertThat(zip.keySet())
        .containsExactly(
            "audio/" + first.id() + ".wav",
            "audio/" + second.id() + ".wav",
            "audio/" + third.id() + ".wav",
            "manifest.json",
            "manifest.csv");
    assertThat(updates).containsExactly("0/3", "1/3", "2/3", "3/3");
    assertThat(zip.get("audio/" + second.id() + ".wav")).isEqualTo(audio(2, 70_000));

    JsonObject manifest =
        new JsonObject(new String(zip.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getString("tenant")).isEqualTo(TENANT);
    assertThat(manifest.getString("mailbox")).isEqualTo(CLERK);
    assertThat(manifest.getString("generatedAt")).isEqualTo(NOW.toString());
    assertThat(manifest.getJsonObject("range").getValue("from")).isNull();
    JsonArray items = manifest.getJsonArray("messages");
    assertThat(items).hasSize(3);
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      byte[] entry = zip.get(item.getString("file"));
      assertThat(entry).as(item.getString("file")).isNotNull();
      assertThat(sha256(entry)).isEqualTo(item.getString("sha256"));
      assertThat((long) entry.length).isEqualTo(item.getLong("bytes"));
    }
    JsonObject handledItem = items.getJsonObject(1);
    assertThat(handledItem.getString("id")).isEqualTo(second.id());
    assertThat(handledItem.getString("receivedAt")).isEqualTo(T2.toString());
    assertThat(handledItem.getString("from")).isEqualTo(second.from());
    assertThat(handledItem.getInteger("seconds")).isEqualTo(7);
    assertThat(handledItem.getString("status")).isEqualTo("handled");
    assertThat(handledItem.getString("assignedTo")).isEqualTo("staff:7");
    assertThat(handledItem.getString("note")).isEqualTo(NOTE);
    assertThat(handledItem.getString("handledAt")).isEqualTo("2026-04-03T10:00:00Z");
    assertThat(handledItem.getBoolean("legalHold")).isTrue();
    assertThat(items.getJsonObject(0).getValue("note")).isNull();

    List<List<String>> csv = parseCsv(new String(zip.get("manifest.csv"), StandardCharsets.UTF_8));
    assertThat(csv.get(0))
        .containsExactly(
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
    assertThat(csv).hasSize(4);
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      List<String> row = csv.get(i + 1);
      assertThat(row)
          .containsExactly(
              item.getString("id"),
              item.getString("receivedAt"),
              item.getString("from"),
              String.valueOf(item.getInteger("seconds")),
              item.getString("status"),
              Optional.ofNullable(item.getString("assignedTo")).orElse(""),
              Optional.ofNullable(item.getString("note")).orElse(""),
              Optional.ofNullable(item.getString("handledAt")).orElse(""),
              String.valueOf(item.getBoolean("legalHold")),
              item.getString("file"),
              item.getString("sha256"),
              String.valueOf(item.getLong("bytes")));
      assertThat(sha256(zip.get(row.get(9)))).isEqualTo(row.get(10));
    }
    assertThat(csv.get(2).get(6)).isEqualTo(NOTE);
  }

  @Test
  void aNoteASpreadsheetWouldRunAsAFormulaIsKeptAsTextInTheCsvOnly() {
    String formula = "=HYPERLINK(\"http://evil.example\",\"Open\")";
    handled(received(CLERK, T1, audio(1, 10)), "staff:7", formula);
    handled(received(CLERK, T2, audio(2, 10)), "staff:7", "-5 minutes of silence");
    handled(received(CLERK, T3, audio(3, 10)), "staff:7", "called back, 3 - fixed");

    Map<String, byte[]> zip = export(Optional.empty(), Optional.empty());

    List<List<String>> csv = parseCsv(new String(zip.get("manifest.csv"), StandardCharsets.UTF_8));
    assertThat(csv.subList(1, 4))
        .extracting(row -> row.get(6))
        .containsExactly("'" + formula, "'-5 minutes of silence", "called back, 3 - fixed");
    JsonObject manifest =
        new JsonObject(new String(zip.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getJsonArray("messages").getJsonObject(0).getString("note"))
        .isEqualTo(formula);
  }

  @Test
  void onlyMessagesReceivedInTheRangeFromInclusiveToExclusive() {
    received(CLERK, T1, audio(1, 10));
    VoicemailMessage second = received(CLERK, T2, audio(2, 10));
    received(CLERK, T3, audio(3, 10));

    Map<String, byte[]> zip = export(Optional.of(T2), Optional.of(T3));

    assertThat(zip.keySet())
        .containsExactly("audio/" + second.id() + ".wav", "manifest.json", "manifest.csv");
    JsonObject manifest =
        new JsonObject(new String(zip.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getJsonObject("range"))
        .isEqualTo(new JsonObject().put("from", T2.toString()).put("to", T3.toString()));
    assertThat(export(Optional.of(T3), Optional.empty())).hasSize(3);
    assertThat(export(Optional.empty(), Optional.of(T2))).hasSize(3);
    assertThatThrownBy(() -> export(Optional.of(T3), Optional.of(T2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyMessagesArePagedThroughCompletely() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MailboxExport.PAGE + 30; i++) {
      ids.add(received(CLERK, T1.plusSeconds(i), audio(i, 3)).id());
    }
    Map<String, byte[]> zip = export(Optional.empty(), Optional.empty());
    assertThat(zip).hasSize(ids.size() + 2);
    for (String id : ids) {
      assertThat(zip).containsKey("audio/" + id + ".wav");
    }
  }

  @Test
  void anEmptyMailboxGivesAValidZipWithEmptyManifests() {
    List<String> updates = new CopyOnWriteArrayList<>();
    Map<String, byte[]> zip =
        export(
            Optional.empty(), Optional.empty(), (done, total) -> updates.add(done + "/" + total));

    assertThat(zip.keySet()).containsExactly("manifest.json", "manifest.csv");
    JsonObject manifest =
        new JsonObject(new String(zip.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getJsonArray("messages")).isEmpty();
    assertThat(parseCsv(new String(zip.get("manifest.csv"), StandardCharsets.UTF_8))).hasSize(1);
    assertThat(updates).containsExactly("0/0");
  }

  @Test
  void aTamperedRecordingFailsTheExportNamingTheMessage() throws Exception {
    received(CLERK, T1, audio(1, 10));
    VoicemailMessage tampered = received(CLERK, T2, audio(2, 10));
    Files.write(dir.resolve("recordings").resolve(tampered.recordingKey()), audio(9, 10));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () -> await(export.write(TENANT, CLERK, Optional.empty(), Optional.empty(), out)))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining(tampered.id())
        .hasMessageContaining("checksum");
    // What was written is not a finished archive: no central directory, so no ZIP reader opens it.
    Path partial = dir.resolve("partial.zip");
    Files.write(partial, out.toByteArray());
    assertThatThrownBy(() -> new ZipFile(partial.toFile()).close())
        .isInstanceOf(ZipException.class);
    assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
        .doesNotContain("PK\u0005\u0006");
  }

  @Test
  void aMissingRecordingFailsTheExportNamingTheMessage() throws Exception {
    VoicemailMessage missing = received(CLERK, T1, audio(1, 10));
    Files.delete(dir.resolve("recordings").resolve(missing.recordingKey()));

    assertThatThrownBy(() -> export(Optional.empty(), Optional.empty()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining(missing.id());
  }

  /**
   * RFC 4180: CRLF records, fields optionally quoted, quotes doubled inside quoted fields; after
   * the byte-order mark spreadsheets need to read UTF-8.
   */
  static List<List<String>> parseCsv(String withMark) {
    if (!withMark.startsWith(MailboxExport.BYTE_ORDER_MARK)) {
      throw new IllegalArgumentException("no byte-order mark: spreadsheets would garble accents");
    }
    String text = withMark.substring(1);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
        } else if (c == '"') {
          quoted = false;
          i++;
        } else {
          field.append(c);
          i++;
        }
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new IllegalArgumentException("quote inside an unquoted field at " + i);
        }
        quoted = true;
        i++;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("bare line break outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      throw new IllegalArgumentException("last record does not end with CRLF");
    }
    return rows;
  }
}
