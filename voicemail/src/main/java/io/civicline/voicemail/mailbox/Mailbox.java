package io.civicline.voicemail.mailbox;

import io.civicline.core.directory.DirectoryObject;
import io.civicline.core.store.Ref;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one voicemail mailbox. Its id names what it belongs to: {@code department-<id>}
 * is the mailbox flows and messages call {@code department:<id>}, {@code staff-<id>} is {@code
 * staff:<id>}; that department or staff member must exist.
 *
 * <p>{@code pinSet} and {@code pinChangedAt} are managed by the server (the PIN itself is stored
 * apart, hashed, and never part of this object): clients may send them back unchanged, and they are
 * ignored.
 *
 * <p>A language's greeting is text to speak, an uploaded recording, or both (the recording plays;
 * the text is what remains when the recording is removed). Recordings are {@linkplain
 * #audioGreetings kept by the server} like the PIN state: set only by uploading one, kept across
 * replaces, and a client may send back only what is stored.
 *
 * @param greetings text-to-speech greeting per language
 * @param audioGreetings the uploaded greeting recording per language (server-kept)
 * @param notifyList ({@code notify} on the wire) staff ids and email addresses told of new messages
 * @param legalHold while true, no message of the mailbox may be deleted
 */
public record Mailbox(
    String id,
    String name,
    Map<String, String> greetings,
    int maxMessageSeconds,
    List<String> notifyList,
    Optional<Retention> retention,
    boolean legalHold,
    boolean pinSet,
    Optional<Instant> pinChangedAt,
    Map<String, AudioGreeting> audioGreetings)
    implements DirectoryObject {

  public static final String COLLECTION = "mailboxes";
  public static final int DEFAULT_MAX_MESSAGE_SECONDS = 120;
  public static final String DEPARTMENT = "department";
  public static final String STAFF = "staff";

  /** How long handled and unhandled messages are kept. */
  public record Retention(int keepDaysAfterHandled, int keepDaysAfterReceived) {
    public static final int DEFAULT_AFTER_HANDLED = 90;
    public static final int DEFAULT_AFTER_RECEIVED = 365;

    JsonObject toJson() {
      return new JsonObject()
          .put("keepDaysAfterHandled", keepDaysAfterHandled)
          .put("keepDaysAfterReceived", keepDaysAfterReceived);
    }
  }

  /**
   * An uploaded greeting recording, stored as 8 kHz mono μ-law WAV.
   *
   * @param sha256 the checksum of the stored WAV, which also names it in the store
   * @param seconds its length, to the millisecond
   */
  public record AudioGreeting(String sha256, double seconds, Instant uploadedAt) {
    private static final java.util.regex.Pattern SHA256 =
        java.util.regex.Pattern.compile("[0-9a-f]{64}");

    public JsonObject toJson() {
      return new JsonObject()
          .put("sha256", sha256)
          .put("seconds", seconds)
          .put("uploadedAt", uploadedAt.toString());
    }

    static AudioGreeting parse(ObjectReader in) {
      String sha = in.string("sha256", true, 64);
      if (sha != null && !SHA256.matcher(sha).matches()) {
        in.errors().add(in.pointerOf("sha256"), "must be 64 lowercase hexadecimal digits");
        sha = null;
      }
      Double seconds = null;
      if (in.has("seconds")) {
        Object value = in.json().getValue("seconds");
        if (value instanceof Number number && number.doubleValue() > 0) {
          seconds = number.doubleValue();
        } else {
          in.errors().add(in.pointerOf("seconds"), "must be a positive number");
        }
      } else {
        in.errors().add(in.pointerOf("seconds"), "is required");
      }
      Instant at = instant(in, "uploadedAt");
      if (at == null && !in.has("uploadedAt")) {
        in.errors().add(in.pointerOf("uploadedAt"), "is required");
      }
      in.rejectUnknownFields();
      return sha == null || seconds == null || at == null
          ? null
          : new AudioGreeting(sha, seconds, at);
    }
  }

  /** What a mailbox belongs to: a department or a staff member, by id. */
  public record Owner(String kind, String id) {
    /** The collection the owner lives in. */
    public String collection() {
      return DEPARTMENT.equals(kind) ? "departments" : "staff";
    }

    /** The mailbox as flows and messages name it, e.g. {@code department:clerk}. */
    public String address() {
      return kind + ":" + id;
    }

    /** The mailbox's id in the API, e.g. {@code department-clerk}. */
    public String mailboxId() {
      return kind + "-" + id;
    }
  }

  public Mailbox {
    greetings = Map.copyOf(greetings);
    notifyList = List.copyOf(notifyList);
    audioGreetings = Map.copyOf(audioGreetings);
  }

  /** Settings without greeting recordings. */
  public Mailbox(
      String id,
      String name,
      Map<String, String> greetings,
      int maxMessageSeconds,
      List<String> notifyList,
      Optional<Retention> retention,
      boolean legalHold,
      boolean pinSet,
      Optional<Instant> pinChangedAt) {
    this(
        id,
        name,
        greetings,
        maxMessageSeconds,
        notifyList,
        retention,
        legalHold,
        pinSet,
        pinChangedAt,
        Map.of());
  }

  /** The owner a mailbox id names, if it is well formed. */
  public static Optional<Owner> ownerOf(String mailboxId) {
    for (String kind : List.of(DEPARTMENT, STAFF)) {
      String prefix = kind + "-";
      if (mailboxId != null && mailboxId.startsWith(prefix)) {
        String rest = mailboxId.substring(prefix.length());
        return Formats.slug(rest) == null ? Optional.of(new Owner(kind, rest)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The owner a mailbox address ({@code department:clerk}) names, if it is well formed. */
  public static Optional<Owner> ownerOfAddress(String address) {
    int colon = address == null ? -1 : address.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return ownerOf(address.substring(0, colon) + "-" + address.substring(colon + 1));
  }

  public Owner owner() {
    return ownerOf(id).orElseThrow(() -> new IllegalStateException("bad mailbox id " + id));
  }

  public String address() {
    return owner().address();
  }

  public static Mailbox parse(String id, ObjectReader in) {
    if (ownerOf(id).isEmpty()) {
      in.errors()
          .add(
              "#/id",
              "must be 'department-<department id>' or 'staff-<staff id>', e.g."
                  + " 'department-clerk'");
    }
    String name = in.string("name", true, 120);
    Map<String, String> greetings = new LinkedHashMap<>();
    Map<String, AudioGreeting> audio = new LinkedHashMap<>();
    greetings(in, greetings, audio);
    Integer max = in.integer("maxMessageSeconds", false, 10, 600);
    List<String> notify = in.strings("notify", false, 20, Mailbox::checkNotify);
    Retention retention = retention(in);
    Boolean hold = in.bool("legalHold", false);
    // Kept by the server: read here so stored objects round-trip; what a client sends is replaced
    // by the stored values (see keeping and withoutPin).
    Boolean pinSet = in.bool("pinSet", false);
    Instant pinChangedAt = instant(in, "pinChangedAt");
    in.rejectUnknownFields();
    if (!in.errors().isEmpty()) {
      return null;
    }
    return new Mailbox(
        id,
        name,
        greetings,
        max == null ? DEFAULT_MAX_MESSAGE_SECONDS : max,
        notify,
        Optional.ofNullable(retention),
        hold != null && hold,
        pinSet != null && pinSet,
        Optional.ofNullable(pinChangedAt),
        audio);
  }

  private static Instant instant(ObjectReader in, String field) {
    String text = in.string(field, false, 40);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      in.errors().add(in.pointerOf(field), "must be an ISO-8601 instant");
      return null;
    }
  }

  private static void greetings(
      ObjectReader in, Map<String, String> texts, Map<String, AudioGreeting> audio) {
    ObjectReader greetings = in.object("greetings", false);
    if (greetings == null) {
      return;
    }
    if (greetings.fieldNames().size() > 10) {
      in.errors().add(in.pointerOf("greetings"), "must have at most 10 languages");
      return;
    }
    for (String language : List.copyOf(greetings.fieldNames())) {
      String problem = Formats.language(language);
      if (problem != null) {
        in.errors().add(greetings.pointerOf(language), problem);
        continue;
      }
      ObjectReader greeting = greetings.object(language, true);
      if (greeting == null) {
        continue;
      }
      boolean hasAudio = greeting.has("audio");
      String text = greeting.string("text", !hasAudio, 1000);
      ObjectReader recording = greeting.object("audio", false);
      greeting.rejectUnknownFields();
      if (text != null) {
        texts.put(language, text);
      }
      if (recording != null) {
        AudioGreeting parsed = AudioGreeting.parse(recording);
        if (parsed != null) {
          audio.put(language, parsed);
        }
      }
    }
  }

  private static Retention retention(ObjectReader in) {
    ObjectReader reader = in.object("retention", false);
    if (reader == null) {
      return null;
    }
    Integer handled = reader.integer("keepDaysAfterHandled", false, 1, 3650);
    Integer received = reader.integer("keepDaysAfterReceived", false, 1, 3650);
    reader.rejectUnknownFields();
    return new Retention(
        handled == null ? Retention.DEFAULT_AFTER_HANDLED : handled,
        received == null ? Retention.DEFAULT_AFTER_RECEIVED : received);
  }

  /** A staff id (a slug) or an email address. */
  private static String checkNotify(String value) {
    if (value.contains("@")) {
      return Formats.email(value);
    }
    return Formats.slug(value) == null ? null : "must be a staff id or an email address";
  }

  /** The same settings with the PIN marked as set at {@code at}. */
  public Mailbox withPinSet(Instant at) {
    return new Mailbox(
        id,
        name,
        greetings,
        maxMessageSeconds,
        notifyList,
        retention,
        legalHold,
        true,
        Optional.of(at),
        audioGreetings);
  }

  /**
   * These settings without a PIN: what a new mailbox has, whatever its creator sent.
   *
   * @throws InvalidInputException if they carry a greeting recording, which only an upload sets
   */
  public Mailbox withoutPin() {
    checkAudioKept(Map.of());
    return new Mailbox(
        id,
        name,
        greetings,
        maxMessageSeconds,
        notifyList,
        retention,
        legalHold,
        false,
        Optional.empty(),
        Map.of());
  }

  /**
   * These settings with the server-kept fields of {@code stored}: its PIN state and its greeting
   * recordings (a language whose greeting is left out keeps its recording).
   *
   * @throws InvalidInputException if they carry a greeting recording {@code stored} does not have
   */
  public Mailbox keeping(Mailbox stored) {
    checkAudioKept(stored.audioGreetings);
    return new Mailbox(
        id,
        name,
        greetings,
        maxMessageSeconds,
        notifyList,
        retention,
        legalHold,
        stored.pinSet,
        stored.pinChangedAt,
        stored.audioGreetings);
  }

  /** A client may send a greeting recording back as stored, never set or change one. */
  private void checkAudioKept(Map<String, AudioGreeting> stored) {
    FieldErrors errors = new FieldErrors();
    audioGreetings.forEach(
        (language, audio) -> {
          if (!audio.equals(stored.get(language))) {
            errors.add(
                "#/greetings/" + language + "/audio",
                "is set by the server: upload the recording to PUT"
                    + " .../mailboxes/"
                    + id
                    + "/greetings/"
                    + language
                    + " (send back only what the server shows)");
          }
        });
    errors.throwIfAny();
  }

  /** The same settings with {@code audio} as the recorded greeting in {@code language}. */
  public Mailbox withAudioGreeting(String language, AudioGreeting audio) {
    Map<String, AudioGreeting> next = new LinkedHashMap<>(audioGreetings);
    next.put(language, audio);
    return withAudio(next);
  }

  /** The same settings without a recorded greeting in {@code language}. */
  public Mailbox withoutAudioGreeting(String language) {
    Map<String, AudioGreeting> next = new LinkedHashMap<>(audioGreetings);
    next.remove(language);
    return withAudio(next);
  }

  private Mailbox withAudio(Map<String, AudioGreeting> audio) {
    return new Mailbox(
        id,
        name,
        greetings,
        maxMessageSeconds,
        notifyList,
        retention,
        legalHold,
        pinSet,
        pinChangedAt,
        audio);
  }

  @Override
  public JsonObject toJson() {
    JsonObject texts = new JsonObject();
    new java.util.TreeSet<>(
            java.util.stream.Stream.concat(
                    greetings.keySet().stream(), audioGreetings.keySet().stream())
                .toList())
        .forEach(
            language -> {
              JsonObject greeting = new JsonObject();
              if (greetings.containsKey(language)) {
                greeting.put("text", greetings.get(language));
              }
              if (audioGreetings.containsKey(language)) {
                greeting.put("audio", audioGreetings.get(language).toJson());
              }
              texts.put(language, greeting);
            });
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("greetings", texts)
            .put("maxMessageSeconds", maxMessageSeconds)
            .put("notify", new JsonArray(new ArrayList<>(notifyList)));
    retention.ifPresent(r -> json.put("retention", r.toJson()));
    json.put("legalHold", legalHold).put("pinSet", pinSet);
    pinChangedAt.ifPresent(at -> json.put("pinChangedAt", at.toString()));
    return json;
  }

  @Override
  public List<Ref> references() {
    List<Ref> refs = new ArrayList<>();
    ownerOf(id).ifPresent(owner -> refs.add(new Ref(owner.collection(), owner.id(), "#/id")));
    for (int i = 0; i < notifyList.size(); i++) {
      if (!notifyList.get(i).contains("@")) {
        refs.add(new Ref("staff", notifyList.get(i), "#/notify/" + i));
      }
    }
    return refs;
  }
}
