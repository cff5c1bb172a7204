package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.FieldError;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.inbox.InboxChange;
import io.civicline.mobileapi.inbox.InboxItem;
import io.civicline.mobileapi.inbox.InboxParts;
import io.civicline.mobileapi.inbox.InboxPosition;
import io.civicline.mobileapi.inbox.InboxQuery;
import io.civicline.mobileapi.inbox.InboxSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A department's inbox: its voicemails and text threads in one list, newest activity first; each
 * item assigned, handled or reopened, and noted from the app, with voicemail audio to play. Only
 * the department's members see it (403 for others; another town's ids simply do not exist).
 */
public final class StaffInboxRoutes {
  public static final String INBOX = StaffAuthRoutes.BASE + "/inbox";
  public static final String ITEM = INBOX + "/items/:kind/:itemId";
  public static final String AUDIO = INBOX + "/items/" + InboxItem.VOICEMAIL + "/:itemId/audio";
  static final int MAX_NOTE = 2000;
  static final int MAX_SEARCH = 100;
  private static final Pattern STAFF_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
  private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

  private final InboxParts parts;
  private final DepartmentMembers members;
  private final BearerStaffAuth auth;
  private final io.civicline.core.events.StaffEvents events;

  public StaffInboxRoutes(InboxParts parts, StaffDirectory directory, BearerStaffAuth auth) {
    this(parts, directory, auth, io.civicline.core.events.StaffEvents.NONE);
  }

  /**
   * @param events where changes are announced: the department's apps refresh the item, and a
   *     colleague it was assigned to hears of it (a push when their app is closed)
   */
  public StaffInboxRoutes(
      InboxParts parts,
      StaffDirectory directory,
      BearerStaffAuth auth,
      io.civicline.core.events.StaffEvents events) {
    this.events = events;
    this.parts = parts;
    this.members = new DepartmentMembers(directory);
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get(INBOX).handler(auth).handler(Endpoint.json(this::list));
    router.get(AUDIO).handler(auth).handler(Endpoint.download(this::audio));
    router.get(ITEM).handler(auth).handler(Endpoint.json(this::item));
    router.patch(ITEM).handler(auth).handler(Endpoint.json(this::change));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    String department = ctx.request().getParam("department");
    if (department == null || department.isBlank()) {
      throw Problem.malformed("department is required (one of your departments)");
    }
    InboxQuery query = query(ctx, me);
    Optional<InboxPosition> after = cursor(ctx.request().getParam("cursor"));
    int limit = StaffTextRoutes.number(ctx, "limit", 1, StaffTextRoutes.MAX_LIMIT, 25);
    return members
        .require(me, department)
        .compose(v -> merged(me.tenant(), department, query, after, limit))
        .map(
            items -> {
              JsonArray page = new JsonArray();
              items.stream().limit(limit).forEach(item -> page.add(representation(item)));
              String next = items.size() > limit ? items.get(limit - 1).position().encode() : null;
              return new JsonObject().put("items", page).put("next", next);
            });
  }

  /**
   * Up to {@code limit + 1} items of every source, in one order: one more than a page, so whether
   * there is a next page is known without an empty last one.
   */
  private Future<List<InboxItem>> merged(
      String tenant,
      String department,
      InboxQuery query,
      Optional<InboxPosition> after,
      int limit) {
    List<Future<List<InboxItem>>> lists = new ArrayList<>();
    for (InboxSource source : parts.sources()) {
      lists.add(source.list(tenant, department, query, after, limit + 1));
    }
    return Future.all(lists)
        .map(
            done -> {
              List<InboxItem> all = new ArrayList<>();
              lists.forEach(list -> all.addAll(list.result()));
              all.sort(InboxItem.NEWEST_FIRST);
              return all.size() > limit + 1 ? List.copyOf(all.subList(0, limit + 1)) : all;
            });
  }

  private static InboxQuery query(RoutingContext ctx, StaffPrincipal me) {
    String status = Optional.ofNullable(ctx.request().getParam("status")).orElse("open");
    InboxQuery.Status wanted =
        switch (status) {
          case "open" -> InboxQuery.Status.OPEN;
          case "handled" -> InboxQuery.Status.HANDLED;
          case "all" -> InboxQuery.Status.ALL;
          default -> throw Problem.malformed("status must be one of open, handled, all");
        };
    String assignee = ctx.request().getParam("assignedTo");
    Optional<String> who;
    if (assignee == null) {
      who = null;
    } else if (assignee.equals("me")) {
      who = Optional.of(me.staffId());
    } else if (assignee.equals("nobody")) {
      who = Optional.empty();
    } else if (STAFF_ID.matcher(assignee).matches()) {
      who = Optional.of(assignee);
    } else {
      throw Problem.malformed("assignedTo must be me, nobody or a staff id");
    }
    String search = ctx.request().getParam("q");
    if (search != null && search.length() > MAX_SEARCH) {
      throw Problem.malformed("q must be at most " + MAX_SEARCH + " characters");
    }
    return new InboxQuery(wanted, who, Optional.ofNullable(search).filter(q -> !q.isBlank()));
  }

  private static Optional<InboxPosition> cursor(String cursor) {
    if (cursor == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InboxPosition.parse(cursor));
    } catch (IllegalArgumentException e) {
      throw Problem.malformed("cursor must be the 'next' value of a previous page");
    }
  }

  private Future<JsonObject> item(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    return visible(me, ctx.pathParam("kind"), ctx.pathParam("itemId"))
        .map(item -> withEtag(ctx, item));
  }

  private Future<JsonObject> change(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    InboxChange change = InboxChanges.read(JsonBodies.object(ctx), me, MAX_NOTE);
    OptionalLong expected = ifMatch(ctx);
    String kind = ctx.pathParam("kind");
    return visible(me, kind, ctx.pathParam("itemId"))
        .compose(item -> assignable(me, item, change).map(item))
        .compose(
            item -> {
              if (expected.isPresent() && expected.getAsLong() != item.version()) {
                throw new StoreException.VersionMismatch(kind + " " + item.id(), item.version());
              }
              return source(kind)
                  .change(me.tenant(), item.id(), change, expected, me.actor())
                  .compose(changed -> announce(me, item, changed).map(changed));
            })
        .map(item -> withEtag(ctx, item));
  }

  /**
   * {@code inbox.changed} to the item's department; {@code inbox.assigned} to a colleague who was
   * just given it. Best effort: the change is stored whatever happens to the announcement.
   */
  private Future<Void> announce(StaffPrincipal me, InboxItem before, InboxItem after) {
    io.vertx.core.json.JsonObject data =
        new io.vertx.core.json.JsonObject()
            .put("kind", after.kind())
            .put("id", after.id())
            .put("department", after.department())
            .put("from", after.from())
            .put("status", after.handled() ? "handled" : "open")
            .put("assignedTo", after.assignedTo().orElse(null))
            .put("version", after.version())
            .put("by", me.staffId());
    // one after the other: the department hears of the change before the assignee is told
    Future<String> changed =
        events.publish(
            me.tenant(),
            new io.civicline.core.events.StaffEvent(
                "inbox.changed",
                io.civicline.core.events.StaffEvent.Audience.toDepartments(
                    java.util.Set.of(after.department())),
                data));
    Optional<String> newlyAssigned =
        after
            .assignedTo()
            .filter(who -> !who.equals(me.staffId()))
            .filter(who -> !after.assignedTo().equals(before.assignedTo()));
    Future<String> assigned =
        newlyAssigned
            .map(
                who ->
                    changed
                        .recover(failure -> Future.succeededFuture())
                        .compose(
                            ignored ->
                                events.publish(
                                    me.tenant(),
                                    new io.civicline.core.events.StaffEvent(
                                        "inbox.assigned",
                                        io.civicline.core.events.StaffEvent.Audience.toStaff(
                                            java.util.Set.of(who)),
                                        data))))
            .orElse(Future.succeededFuture());
    return Future.join(changed, assigned)
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  /** An assignee must be a member of the item's department: nobody else sees it. */
  private Future<Void> assignable(StaffPrincipal me, InboxItem item, InboxChange change) {
    Optional<String> assignee = change.assignedTo().filter(a -> !a.isEmpty());
    if (assignee.isEmpty() || assignee.get().equals(me.staffId())) {
      return Future.succeededFuture();
    }
    return members
        .isMember(me.tenant(), assignee.get(), item.department())
        .map(
            member -> {
              if (!member) {
                throw Problem.invalid(
                    List.of(
                        new FieldError(
                            "#/assignedTo",
                            "'"
                                + assignee.get()
                                + "' is not a member of department "
                                + item.department())));
              }
              return null;
            });
  }

  private Future<Endpoint.Download> audio(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    String id = ctx.pathParam("itemId");
    return visible(me, InboxItem.VOICEMAIL, id)
        .compose(item -> parts.audio().play(me.tenant(), item.id(), me.actor()))
        .map(
            wav ->
                new Endpoint.Download(
                    "audio/wav",
                    wav.orElseThrow(() -> new StoreException.NotFound("voicemail audio " + id))));
  }

  /** The item, if it exists in the member's town and is one of their departments'. */
  private Future<InboxItem> visible(StaffPrincipal me, String kind, String id) {
    return source(kind)
        .get(me.tenant(), id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(new StoreException.NotFound(kind + " " + id));
              }
              return members.require(me, found.get().department()).map(found.get());
            });
  }

  private InboxSource source(String kind) {
    return parts.sources().stream()
        .filter(s -> s.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> Problem.notFound("no inbox items of kind '" + kind + "'"));
  }

  private static JsonObject withEtag(RoutingContext ctx, InboxItem item) {
    ctx.response().putHeader("ETag", "\"" + item.version() + "\"");
    return representation(item);
  }

  /** An item as the app sees it: a voicemail links to its audio. */
  static JsonObject representation(InboxItem item) {
    JsonObject json = item.toJson();
    if (item.kind().equals(InboxItem.VOICEMAIL)) {
      json.getJsonObject("details").put("audio", AUDIO.replace(":itemId", item.id()));
    }
    return json;
  }

  private static OptionalLong ifMatch(RoutingContext ctx) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    Matcher matcher = ETAG.matcher(header.strip());
    if (!matcher.matches()) {
      throw Problem.malformed("If-Match must be one ETag as returned, e.g. \"3\"");
    }
    return OptionalLong.of(Long.parseLong(matcher.group(1)));
  }
}
