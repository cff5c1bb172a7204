package io.civicline.ops.staff;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.http.Problem;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPasswords;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.ops.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * How admins let staff into the staff app: set or remove a member's password (which also ends their
 * sessions) and end all their sessions, e.g. for a lost phone. The password is never stored, logged
 * or answered back.
 */
public final class StaffAccessRoutes {
  private final StaffPasswords passwords;
  private final StaffDirectory directory;
  private final TenantAccess access;

  public StaffAccessRoutes(
      StaffPasswords passwords, StaffDirectory directory, TenantAccess access) {
    this.passwords = passwords;
    this.directory = directory;
    this.access = access;
  }

  public void mount(Router router) {
    String member = DirectoryRoutes.TENANT_BASE + "/staff/:staffId";
    router
        .put(member + "/password")
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(
                            scope ->
                                passwords.setPassword(
                                    scope.id(),
                                    Requests.pathId(ctx, "staffId"),
                                    password(JsonBodies.object(ctx))))
                        .map(v -> Reply.noContent())));
    router
        .delete(member + "/password")
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(
                            scope ->
                                passwords.removePassword(
                                    scope.id(), Requests.pathId(ctx, "staffId")))
                        .map(v -> Reply.noContent())));
    router
        .post(member + "/sessions/revoke")
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(scope -> existing(scope.id(), Requests.pathId(ctx, "staffId")))
                        .compose(found -> passwords.revokeAllSessions(found[0], found[1]))
                        .map(revoked -> Reply.ok(new JsonObject().put("revoked", revoked)))));
  }

  /** The member's tenant and id, if the member exists (else 404). */
  private io.vertx.core.Future<String[]> existing(String tenant, String staffId) {
    return directory
        .byId(tenant, staffId)
        .map(
            member -> {
              if (member.isEmpty()) {
                throw Problem.notFound("no staff member '" + staffId + "'");
              }
              return new String[] {tenant, staffId};
            });
  }

  private static String password(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("password")) {
        throw Problem.invalid("#/" + field, "unknown field");
      }
    }
    Object value = body.getValue("password");
    if (!(value instanceof String text)) {
      throw Problem.invalid("#/password", "must be a string");
    }
    return text;
  }
}
