package io.civicline.ops.voicemail;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.Tenant;
import io.civicline.core.http.ByteRange;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Actor;
import io.civicline.core.validation.FieldError;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.civicline.voicemail.audio.GreetingPolicy;
import io.civicline.voicemail.audio.WavFile;
import io.civicline.voicemail.mailbox.Mailbox;
import io.civicline.voicemail.store.GreetingRecordings;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded mailbox greetings, per language, under {@code /mailboxes/{id}/greetings/{language}}:
 * upload one (WAV in any common encoding, or raw 8 kHz μ-law; checked by {@link GreetingPolicy} and
 * stored as 8 kHz mono μ-law WAV), play it back (checksum verified, byte ranges), remove it (the
 * language falls back to its text greeting, if it has one).
 *
 * <p>The mailbox's settings must exist (404 otherwise): the greeting is part of them, shown in
 * {@code greetings.<language>.audio}, and uploading or removing one is a change of the settings,
 * audited as such (checksum, length and time; never the audio). The language must be one the town
 * offers.
 *
 * <p>Uploads have their own body limit ({@link GreetingPolicy#MAX_UPLOAD_BYTES}); the rest of the
 * API keeps {@code http.maxBodyBytes}.
 */
public final class GreetingRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(GreetingRoutes.class);

  /** The longest greeting accepted. */
  public static final Duration MAX_LENGTH = Duration.ofMinutes(2);

  static final String PATH =
      DirectoryRoutes.TENANT_BASE + "/" + Mailbox.COLLECTION + "/:id/greetings/:language";

  private static final List<String> WAV_TYPES = List.of("audio/wav", "audio/x-wav", "audio/wave");
  private static final List<String> MULAW_TYPES = List.of("audio/basic", "audio/x-mulaw");

  private final Vertx vertx;
  private final TenantAccess access;
  private final DirectoryService directory;
  private final Kinds kinds;
  private final GreetingRecordings recordings;
  private final Clock clock;

  public GreetingRoutes(
      Vertx vertx,
      TenantAccess access,
      DirectoryService directory,
      Kinds kinds,
      GreetingRecordings recordings,
      Clock clock) {
    this.vertx = vertx;
    this.access = access;
    this.directory = directory;
    this.kinds = kinds;
    this.recordings = recordings;
    this.clock = clock;
  }

  /**
   * The upload's own body handler: mount before the API-wide one, which then leaves the body alone.
   */
  public void mountBodyLimit(Router router) {
    router
        .put(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(GreetingPolicy.MAX_UPLOAD_BYTES));
  }

  public void mount(Router router) {
    router.put(PATH).handler(endpoint(this::upload));
    router.get(PATH).handler(this::download);
    router.delete(PATH).handler(endpoint(this::remove));
  }

  // upload

  private enum Upload {
    WAV,
    RAW_MULAW;

    byte[] validate(byte[] body) {
      return this == WAV
          ? GreetingPolicy.validate(body, MAX_LENGTH, "#")
          : GreetingPolicy.validateRawMuLaw(body, MAX_LENGTH, "#");
    }
  }

  private static Upload uploadType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (WAV_TYPES.contains(type)) {
      return Upload.WAV;
    }
    if (MULAW_TYPES.contains(type)) {
      return Upload.RAW_MULAW;
    }
    throw new Problem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "send the greeting as audio/wav (also audio/x-wav, audio/wave) or as raw 8 kHz μ-law"
            + " audio/basic (also audio/x-mulaw); got "
            + (header == null ? "no Content-Type" : header));
  }

  /**
   * Checks run so that nothing leaks across tenants and nothing changes on failure: the tenant and
   * the mailbox's settings (404), the content type (415), the language (422), the audio (422); only
   * then is the recording stored and the settings switched to it.
   */
  private Future<Reply> upload(RoutingContext ctx) {
    String id = mailboxId(ctx);
    String language = ctx.pathParam("language");
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    OptionalLong expected = Requests.ifMatch(ctx, false);
    Actor actor = BearerAuth.principal(ctx).actor();
    Instant at = clock.instant();
    AtomicReference<Optional<Mailbox.AudioGreeting>> replaced = new AtomicReference<>();
    return access
        .scope(ctx)
        .compose(
            scope ->
                settings(scope, id)
                    .map(mailbox -> uploadType(ctx))
                    .compose(type -> checkLanguage(scope, language).map(type))
                    .compose(type -> vertx.executeBlocking(() -> type.validate(body), false))
                    .compose(
                        wav ->
                            recordings
                                .put(scope.id(), id, language, wav, at)
                                .map(stored -> audio(stored, wav, at)))
                    .compose(
                        audio ->
                            directory
                                .update(
                                    scope,
                                    kinds.mailboxes,
                                    id,
                                    expected,
                                    current -> {
                                      replaced.set(
                                          Optional.ofNullable(
                                              current.audioGreetings().get(language)));
                                      return current.withAudioGreeting(language, audio);
                                    },
                                    actor)
                                .recover(
                                    failure -> {
                                      // Not referenced unless it is the very file already there.
                                      Optional<Mailbox.AudioGreeting> before = replaced.get();
                                      boolean same =
                                          before != null
                                              && before
                                                  .filter(b -> b.sha256().equals(audio.sha256()))
                                                  .isPresent();
                                      return (same
                                              ? Future.<Void>succeededFuture()
                                              : discard(scope, id, language, audio.sha256()))
                                          .transform(ignored -> Future.failedFuture(failure));
                                    })
                                .compose(
                                    stored ->
                                        Optional.ofNullable(replaced.get())
                                            .flatMap(o -> o)
                                            .filter(old -> !old.sha256().equals(audio.sha256()))
                                            .map(old -> discard(scope, id, language, old.sha256()))
                                            .orElseGet(Future::succeededFuture)
                                            .map(v -> DirectoryRoutes.withEtag(stored, 200)))));
  }

  private static Mailbox.AudioGreeting audio(
      RecordingStore.StoredRecording stored, byte[] wav, Instant at) {
    long millis = WavFile.parse(wav).info().duration().toMillis();
    return new Mailbox.AudioGreeting(stored.sha256(), millis / 1000.0, at);
  }

  /** Removes a greeting file no settings refer to; a failure only leaves the file behind. */
  private Future<Void> discard(Scope scope, String id, String language, String sha256) {
    return recordings
        .delete(scope.id(), id, language, sha256)
        .recover(
            failure -> {
              LOG.atWarn()
                  .addKeyValue("tenant", scope.id())
                  .addKeyValue("mailbox", id)
                  .addKeyValue("language", language)
                  .setCause(failure)
                  .log("unused greeting recording not removed");
              return Future.succeededFuture();
            });
  }

  private Future<Void> checkLanguage(Scope scope, String language) {
    return directory
        .read(scope, kinds.tenant, scope.id())
        .map(
            tenant -> {
              List<String> offered = tenant.map(Tenant::languages).orElse(List.of());
              if (!offered.contains(language)) {
                String detail =
                    "'"
                        + language
                        + "' is not one of the town's languages "
                        + offered
                        + "; add it to the town first";
                throw new Problem(
                    422,
                    "validation",
                    "Invalid input",
                    "language: " + detail,
                    List.of(new FieldError("?language", detail)));
              }
              return null;
            });
  }

  // download

  private void download(RoutingContext ctx) {
    Future<Void> served;
    try {
      String id = mailboxId(ctx);
      String language = ctx.pathParam("language");
      served =
          access
              .scope(ctx)
              .compose(
                  scope ->
                      settings(scope, id)
                          .compose(
                              mailbox -> {
                                Mailbox.AudioGreeting audio = recorded(mailbox, language);
                                return recordings
                                    .read(scope.id(), id, language, audio.sha256())
                                    .recover(
                                        failure ->
                                            Future.failedFuture(
                                                failure
                                                        instanceof
                                                        RecordingStore.CorruptRecordingException
                                                    ? new Problem(
                                                        500,
                                                        "recording-corrupt",
                                                        "Recording damaged",
                                                        "the stored greeting of mailbox '"
                                                            + id
                                                            + "' in '"
                                                            + language
                                                            + "' no longer matches its checksum;"
                                                            + " upload it again")
                                                    : failure))
                                    .map(
                                        bytes -> {
                                          send(ctx, audio.sha256(), bytes);
                                          return null;
                                        });
                              }));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    served.onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, String sha256, byte[] audio) {
    String etag = AudioResponses.etag(sha256);
    Optional<ByteRange> range;
    try {
      range = AudioResponses.requestedRange(ctx, etag, audio.length);
    } catch (ByteRange.Unsatisfiable e) {
      AudioResponses.refuse(ctx, audio.length, "the greeting");
      return;
    }
    AudioResponses.send(ctx, etag, "private, no-cache", audio, range);
  }

  // remove

  private Future<Reply> remove(RoutingContext ctx) {
    String id = mailboxId(ctx);
    String language = ctx.pathParam("language");
    OptionalLong expected = Requests.ifMatch(ctx, false);
    Actor actor = BearerAuth.principal(ctx).actor();
    AtomicReference<Mailbox.AudioGreeting> removed = new AtomicReference<>();
    return access
        .scope(ctx)
        .compose(
            scope ->
                directory
                    .update(
                        scope,
                        kinds.mailboxes,
                        id,
                        expected,
                        current -> {
                          removed.set(recorded(current, language));
                          return current.withoutAudioGreeting(language);
                        },
                        actor)
                    .compose(
                        stored ->
                            discard(scope, id, language, removed.get().sha256())
                                .map(v -> DirectoryRoutes.withEtag(stored, 200))));
  }

  // shared

  private static String mailboxId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (Mailbox.ownerOf(id).isEmpty()) {
      throw Problem.notFound("no mailbox '" + id + "'");
    }
    return id;
  }

  /** The mailbox's settings, which hold its greetings; 404 when they were never created. */
  private Future<Mailbox> settings(Scope scope, String id) {
    return directory
        .read(scope, kinds.mailboxes, id)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        Problem.notFound(
                            "mailbox '"
                                + id
                                + "' has no settings yet; create them (POST .../mailboxes) before"
                                + " uploading a greeting")));
  }

  private static Mailbox.AudioGreeting recorded(Mailbox mailbox, String language) {
    Mailbox.AudioGreeting audio = mailbox.audioGreetings().get(language);
    if (audio == null) {
      throw Problem.notFound(
          "mailbox '" + mailbox.id() + "' has no recorded greeting in '" + language + "'");
    }
    return audio;
  }
}
