package io.civicline.ops.voicemail;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.ByteRange;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Actor;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kind;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.civicline.voicemail.mailbox.Mailbox;
import io.civicline.voicemail.mailbox.MailboxPins;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.message.VoicemailMessage;
import io.civicline.voicemail.pin.PinHasher;
import io.civicline.voicemail.pin.PinPolicy;
import io.civicline.voicemail.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Voicemail for staff, under {@code /mailboxes} (whose settings are the generic collection routes):
 * a mailbox's PIN; its messages, newest first, with their audio (byte ranges, checksum verified,
 * every play audited); marking them heard, assigned, handled, forwarded or held; and the
 * new-message counts phones show as message waiting.
 *
 * <p>Messages are served for any mailbox whose department or staff member exists, whether or not it
 * has settings yet: a flow can take voicemail for a department before anyone configured it. A
 * message is found only under the mailbox it is in, and only in the caller's tenant.
 */
public final class MailboxRoutes {
  private static final Pattern MESSAGE_ID = Pattern.compile("vm-[0-9a-f]{24}");
  private static final int MAX_NOTE = 2000;

  private final Vertx vertx;
  private final TenantAccess access;
  private final DirectoryService directory;
  private final Kinds kinds;
  private final MessageStore messages;
  private final RecordingStore recordings;
  private final MailboxPins pins;
  private final PinHasher hasher;
  private final Clock clock;

  public MailboxRoutes(
      Vertx vertx,
      TenantAccess access,
      DirectoryService directory,
      Kinds kinds,
      MessageStore messages,
      RecordingStore recordings,
      MailboxPins pins,
      PinHasher hasher,
      Clock clock) {
    this.vertx = vertx;
    this.access = access;
    this.directory = directory;
    this.kinds = kinds;
    this.messages = messages;
    this.recordings = recordings;
    this.pins = pins;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Mount before the generic mailbox routes, so {@code /mailboxes/waiting} is not taken as an id.
   */
  public void mount(Router router) {
    String base = DirectoryRoutes.TENANT_BASE + "/" + Mailbox.COLLECTION;
    String message = base + "/:id/messages/:messageId";
    router.get(base + "/waiting").handler(endpoint(this::waiting));
    router.put(base + "/:id/pin").handler(endpoint(this::setPin));
    router.get(base + "/:id/messages").handler(endpoint(this::list));
    router
        .get(message)
        .handler(
            endpoint(
                ctx ->
                    withMessage(
                        ctx,
                        (scope, m) ->
                            messages
                                .audit(
                                    scope.id(),
                                    m,
                                    BearerAuth.principal(ctx).actor(),
                                    "read",
                                    new JsonObject())
                                .compose(v -> single(m)))));
    router.get(message + "/audio").handler(this::audio);
    router
        .post(message + "/heard")
        .handler(endpoint(ctx -> change(ctx, "mark-heard", (m, body) -> m.heard())));
    router.post(message + "/assign").handler(endpoint(this::assign));
    router.post(message + "/handled").handler(endpoint(this::handled));
    router.post(message + "/forward").handler(endpoint(this::forward));
    router
        .post(message + "/hold")
        .handler(endpoint(ctx -> change(ctx, "hold", (m, body) -> m.held(true))));
    router
        .delete(message + "/hold")
        .handler(endpoint(ctx -> change(ctx, "release-hold", (m, body) -> m.held(false))));
  }

  // message waiting

  private Future<Reply> waiting(RoutingContext ctx) {
    return access
        .scope(ctx)
        .compose(scope -> messages.newCounts(scope.id()))
        .map(
            counts -> {
              JsonArray items = new JsonArray();
              new TreeMap<>(counts)
                  .forEach(
                      (address, count) ->
                          Mailbox.ownerOfAddress(address)
                              .ifPresent(
                                  owner ->
                                      items.add(
                                          new JsonObject()
                                              .put("id", owner.mailboxId())
                                              .put("mailbox", address)
                                              .put("new", Math.max(0, count))
                                              .put("waiting", count > 0))));
              return Reply.ok(new JsonObject().put("items", items));
            });
  }

  // PIN

  private Future<Reply> setPin(RoutingContext ctx) {
    String id = Requests.pathId(ctx, "id");
    String pin = pin(JsonBodies.object(ctx));
    OptionalLong expected = Requests.ifMatch(ctx, false);
    Actor actor = BearerAuth.principal(ctx).actor();
    Kind<Mailbox> kind = kinds.mailboxes;
    return access
        .scope(ctx)
        .compose(
            scope ->
                directory
                    .read(scope, kind, id)
                    .compose(
                        found -> {
                          Mailbox mailbox =
                              found.orElseThrow(() -> Problem.notFound("no mailbox '" + id + "'"));
                          return vertx
                              .executeBlocking(() -> hasher.hash(pin), false)
                              .compose(hash -> pins.set(scope.id(), mailbox.address(), hash))
                              .compose(
                                  v ->
                                      directory.update(
                                          scope,
                                          kind,
                                          id,
                                          expected,
                                          current -> current.withPinSet(clock.instant()),
                                          actor));
                        }))
        .map(stored -> DirectoryRoutes.withEtag(stored, 200));
  }

  private static String pin(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String pin = in.string("pin", true, 64);
    in.rejectUnknownFields();
    if (pin != null) {
      String problem = PinPolicy.problem(pin);
      if (problem != null) {
        errors.add("#/pin", problem);
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors.list());
    }
    return pin;
  }

  // messages

  private Future<Reply> list(RoutingContext ctx) {
    int limit = Requests.limit(ctx);
    String cursor = ctx.request().getParam("cursor");
    if (cursor != null && !cursor.matches("[0-9]{1,18}(:vm-[0-9a-f]{24})?")) {
      throw Problem.badParameter("cursor", "must be the 'next' value of a previous page");
    }
    Predicate<VoicemailMessage> filter = filter(ctx);
    return access
        .scope(ctx)
        .compose(scope -> mailbox(ctx, scope).map(owner -> Map.entry(scope, owner)))
        .compose(
            found ->
                messages
                    .list(found.getKey().id(), found.getValue().address(), filter, cursor, limit)
                    .compose(
                        page ->
                            messages
                                .auditMailbox(
                                    found.getKey().id(),
                                    found.getValue().address(),
                                    BearerAuth.principal(ctx).actor(),
                                    "list",
                                    new JsonObject().put("messages", page.items().size()))
                                .map(page)))
        .map(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(m -> items.add(representation(m)));
              return Reply.ok(
                  new JsonObject().put("items", items).put("next", page.next().orElse(null)));
            });
  }

  private static Predicate<VoicemailMessage> filter(RoutingContext ctx) {
    String status = ctx.request().getParam("status");
    if (status != null && !status.matches("new|heard|handled")) {
      throw Problem.badParameter("status", "must be one of [new, heard, handled]");
    }
    String assignee = ctx.request().getParam("assignedTo");
    if (assignee != null && io.civicline.core.validation.Formats.slug(assignee) != null) {
      throw Problem.badParameter("assignedTo", "must be a staff id");
    }
    return m ->
        (status == null || m.status().wire().equals(status))
            && (assignee == null || m.assignedTo().filter(assignee::equals).isPresent());
  }

  /** The mailbox of the path, if its department or staff member exists in the tenant. */
  private Future<Mailbox.Owner> mailbox(RoutingContext ctx, Scope scope) {
    String id = ctx.pathParam("id");
    Optional<Mailbox.Owner> owner = Mailbox.ownerOf(id);
    if (owner.isEmpty()) {
      return Future.failedFuture(Problem.notFound("no mailbox '" + id + "'"));
    }
    return exists(scope, owner.get())
        .map(
            found -> {
              if (!found) {
                throw Problem.notFound("no mailbox '" + id + "'");
              }
              return owner.get();
            });
  }

  private Future<Boolean> exists(Scope scope, Mailbox.Owner owner) {
    Kind<?> kind = Mailbox.DEPARTMENT.equals(owner.kind()) ? kinds.departments : kinds.staff;
    return directory.get(scope, kind, owner.id()).map(Optional::isPresent);
  }

  /** Runs {@code then} with the message of the path, which must be in the path's mailbox. */
  private <R> Future<R> withMessage(
      RoutingContext ctx, BiFunction<Scope, VoicemailMessage, Future<R>> then) {
    String messageId = ctx.pathParam("messageId");
    return access
        .scope(ctx)
        .compose(
            scope ->
                mailbox(ctx, scope)
                    .compose(
                        owner ->
                            (MESSAGE_ID.matcher(messageId).matches()
                                    ? messages.get(scope.id(), messageId)
                                    : Future.succeededFuture(Optional.<VoicemailMessage>empty()))
                                .map(
                                    found ->
                                        found
                                            .filter(m -> m.mailbox().equals(owner.address()))
                                            .orElseThrow(
                                                () ->
                                                    Problem.notFound(
                                                        "no message '" + messageId + "'"))))
                    .compose(message -> then.apply(scope, message)));
  }

  private static Future<Reply> single(VoicemailMessage message) {
    return Future.succeededFuture(
        Reply.ok(representation(message)).header("ETag", "\"" + message.version() + "\""));
  }

  /** A message as the API shows it: where its audio is stored stays internal. */
  static JsonObject representation(VoicemailMessage message) {
    JsonObject json = message.toJson();
    json.remove("recordingKey");
    return json;
  }

  private Future<Reply> assign(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String staffId = in.string("staffId", true, 48, io.civicline.core.validation.Formats::slug);
    in.rejectUnknownFields();
    errors.throwIfAny();
    return access
        .scope(ctx)
        .compose(scope -> directory.get(scope, kinds.staff, staffId))
        .compose(
            staff -> {
              if (staff.isEmpty()) {
                throw Problem.invalid("#/staffId", "no staff member '" + staffId + "'");
              }
              return change(ctx, "assign", (m, b) -> m.assigned(staffId));
            });
  }

  private Future<Reply> handled(RoutingContext ctx) {
    boolean empty = ctx.body() == null || ctx.body().length() <= 0;
    JsonObject body = empty ? new JsonObject() : JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String note = in.string("note", false, MAX_NOTE);
    in.rejectUnknownFields();
    errors.throwIfAny();
    Optional<String> given = Optional.ofNullable(note).filter(n -> !n.isEmpty());
    return change(ctx, "mark-handled", (m, b) -> m.handled(given, clock.instant()));
  }

  private Future<Reply> forward(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String target = in.string("mailbox", true, 80);
    in.rejectUnknownFields();
    Optional<Mailbox.Owner> owner =
        target == null
            ? Optional.empty()
            : Mailbox.ownerOfAddress(target).or(() -> Mailbox.ownerOf(target));
    if (target != null && owner.isEmpty()) {
      errors.add(
          "#/mailbox", "must be a mailbox such as 'department:clerk' or 'staff:maria-gonzalez'");
    }
    errors.throwIfAny();
    String address = owner.get().address();
    return access
        .scope(ctx)
        .compose(scope -> exists(scope, owner.get()))
        .compose(
            found -> {
              if (!found) {
                throw Problem.invalid(
                    "#/mailbox", "no " + owner.get().kind() + " '" + owner.get().id() + "'");
              }
              return change(
                  ctx,
                  "forward",
                  (m, b) -> {
                    if (m.mailbox().equals(address)) {
                      throw Problem.invalid("#/mailbox", "is the mailbox the message is in");
                    }
                    return m.forwarded(address);
                  });
            });
  }

  /**
   * Applies {@code change} to the message of the path if it is at the version of {@code If-Match}
   * (when sent), audited as {@code action}; a change that changes nothing writes nothing.
   */
  private Future<Reply> change(
      RoutingContext ctx,
      String action,
      BiFunction<VoicemailMessage, Void, VoicemailMessage> change) {
    OptionalLong expected = Requests.ifMatch(ctx, false);
    Actor actor = BearerAuth.principal(ctx).actor();
    return withMessage(
        ctx,
        (scope, current) -> {
          if (expected.isPresent() && expected.getAsLong() != current.version()) {
            throw new StoreException.VersionMismatch(
                "voicemail " + current.id(), current.version());
          }
          VoicemailMessage next = change.apply(current, null);
          if (next.equals(current)) {
            return single(current);
          }
          return messages
              .update(scope.id(), current, next, actor, action)
              .compose(MailboxRoutes::single);
        });
  }

  // audio

  private void audio(RoutingContext ctx) {
    Actor actor;
    try {
      actor = BearerAuth.principal(ctx).actor();
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    Future<Void> served;
    try {
      served = withMessage(ctx, (scope, message) -> play(ctx, scope, message, actor));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    served.onFailure(ctx::fail);
  }

  private Future<Void> play(
      RoutingContext ctx, Scope scope, VoicemailMessage message, Actor actor) {
    return recordings
        .read(message.recordingKey(), message.sha256())
        .recover(
            failure -> {
              if (!(failure instanceof RecordingStore.CorruptRecordingException)) {
                return Future.failedFuture(failure);
              }
              JsonObject details =
                  new JsonObject()
                      .put("mailbox", message.mailbox())
                      .put("refused", "the recording does not match its checksum");
              return messages
                  .audit(scope.id(), message, actor, "play-refused", details)
                  .transform(
                      ignored ->
                          Future.failedFuture(
                              new Problem(
                                  500,
                                  "recording-corrupt",
                                  "Recording damaged",
                                  "the stored audio of message '"
                                      + message.id()
                                      + "' no longer matches its checksum; it was not played."
                                      + " The message itself is unchanged.")));
            })
        .compose(audio -> send(ctx, scope, message, actor, audio));
  }

  private Future<Void> send(
      RoutingContext ctx, Scope scope, VoicemailMessage message, Actor actor, byte[] audio) {
    String etag = AudioResponses.etag(message.sha256());
    Optional<ByteRange> range;
    try {
      range = AudioResponses.requestedRange(ctx, etag, audio.length);
    } catch (ByteRange.Unsatisfiable e) {
      AudioResponses.refuse(ctx, audio.length, "the recording");
      return Future.succeededFuture();
    }
    JsonObject details =
        new JsonObject()
            .put("mailbox", message.mailbox())
            .put("range", range.map(r -> r.contentRange(audio.length)).orElse("full"));
    return messages
        .audit(scope.id(), message, actor, "play", details)
        .map(
            v -> {
              AudioResponses.send(ctx, etag, "private, no-store", audio, range);
              return null;
            });
  }
}
