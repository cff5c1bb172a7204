package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.store.StoreException;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.texts.TextInbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who may see a department's texts, voicemail and inbox: its members, as the town's directory says
 * now (not as the token said at sign-in), so a member moved out loses access at once.
 */
final class DepartmentMembers {
  private final StaffDirectory directory;

  DepartmentMembers(StaffDirectory directory) {
    this.directory = directory;
  }

  Future<Boolean> isMember(String tenant, String staffId, String department) {
    return directory
        .byId(tenant, staffId)
        .map(staff -> staff.isPresent() && staff.get().departmentIds().contains(department));
  }

  /** Fails with 403 unless the signed-in member belongs to {@code department}. */
  Future<Void> require(StaffPrincipal me, String department) {
    return isMember(me.tenant(), me.staffId(), department)
        .map(
            member -> {
              if (!member) {
                throw Problem.forbidden("not a member of department " + department);
              }
              return null;
            });
  }

  /** The text thread, if it exists in the member's town and is one of their departments'. */
  Future<JsonObject> thread(TextInbox texts, StaffPrincipal me, String threadId) {
    return texts
        .thread(me.tenant(), threadId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(new StoreException.NotFound("thread " + threadId));
              }
              return require(me, found.get().getString("department")).map(found.get());
            });
  }
}
