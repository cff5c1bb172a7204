package io.civicline.mobileapi.http;

import io.civicline.core.store.StoreException;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.texts.TextInbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * A department's text threads for its staff: list them, read one, reply. Only members of the
 * thread's department see it (others get 403: the thread's existence is no secret within the town,
 * its content is).
 */
public final class StaffTextRoutes {
  public static final String THREADS = StaffAuthRoutes.BASE + "/texts/threads";
  static final int MAX_LIMIT = 100;
  static final int MAX_BODY = 1600;

  private final TextInbox inbox;
  private final StaffDirectory directory;
  private final BearerStaffAuth auth;

  public StaffTextRoutes(TextInbox inbox, StaffDirectory directory, BearerStaffAuth auth) {
    this.inbox = inbox;
    this.directory = directory;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get(THREADS).handler(auth).handler(Endpoint.json(this::threads));
    router
        .get(THREADS + "/:threadId/messages")
        .handler(auth)
        .handler(Endpoint.json(this::messages));
    router
        .post(THREADS + "/:threadId/replies")
        .handler(auth)
        .handler(Endpoint.json(202, this::reply));
  }

  private Future<JsonObject> threads(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    String department = ctx.request().getParam("department");
    if (department == null || department.isBlank()) {
      throw StaffProblem.malformed("department is required (one of your departments)");
    }
    int offset = number(ctx, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = number(ctx, "limit", 1, MAX_LIMIT, 20);
    return member(me, department)
        .compose(v -> inbox.threads(me.tenant(), department, offset, limit))
        .map(items -> new JsonObject().put("items", new JsonArray(items)));
  }

  private Future<JsonObject> messages(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    int limit = number(ctx, "limit", 1, MAX_LIMIT, 50);
    return thread(me, ctx.pathParam("threadId"))
        .compose(thread -> inbox.messages(me.tenant(), thread.getString("id"), limit))
        .map(items -> new JsonObject().put("items", new JsonArray(items)));
  }

  private Future<JsonObject> reply(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String text = replyText(body);
    Optional<String> key = Optional.ofNullable(ctx.request().getHeader("Idempotency-Key"));
    return thread(me, ctx.pathParam("threadId"))
        .compose(
            thread -> inbox.reply(me.tenant(), thread.getString("id"), text, me.staffId(), key));
  }

  /** The thread, if it exists in the staff member's town and is one of their departments'. */
  private Future<JsonObject> thread(StaffPrincipal me, String threadId) {
    return inbox
        .thread(me.tenant(), threadId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(new StoreException.NotFound("thread " + threadId));
              }
              return member(me, found.get().getString("department")).map(found.get());
            });
  }

  private Future<Void> member(StaffPrincipal me, String department) {
    return directory
        .byId(me.tenant(), me.staffId())
        .map(
            staff -> {
              if (staff.isEmpty() || !staff.get().departmentIds().contains(department)) {
                throw StaffProblem.forbidden("not a member of department " + department);
              }
              return null;
            });
  }

  private static String replyText(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("body")) {
        throw invalid(field, "unknown field");
      }
    }
    Object value = body.getValue("body");
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid("body", "is required: the text to send");
    }
    if (text.length() > MAX_BODY) {
      throw invalid("body", "is longer than " + MAX_BODY + " characters");
    }
    return text;
  }

  private static StaffProblem invalid(String field, String detail) {
    return StaffProblem.invalid(
        java.util.List.of(new io.civicline.core.validation.FieldError("#/" + field, detail)));
  }

  private static int number(RoutingContext ctx, String name, int min, int max, int fallback) {
    return QueryNumbers.within(ctx, name, min, max, fallback);
  }
}
