package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
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
  private final DepartmentMembers members;
  private final BearerStaffAuth auth;

  public StaffTextRoutes(TextInbox inbox, StaffDirectory directory, BearerStaffAuth auth) {
    this.inbox = inbox;
    this.members = new DepartmentMembers(directory);
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
      throw Problem.malformed("department is required (one of your departments)");
    }
    int offset = number(ctx, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = number(ctx, "limit", 1, MAX_LIMIT, 20);
    return members
        .require(me, department)
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

  private Future<JsonObject> thread(StaffPrincipal me, String threadId) {
    return members.thread(inbox, me, threadId);
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

  static Problem invalid(String field, String detail) {
    return Problem.invalid(
        java.util.List.of(new io.civicline.core.validation.FieldError("#/" + field, detail)));
  }

  static int number(RoutingContext ctx, String name, int min, int max, int fallback) {
    return QueryNumbers.within(ctx, name, min, max, fallback);
  }
}
