package io.civicline.mobileapi.http;

import io.civicline.core.store.StoreException;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.texts.TextAttachments;
import io.civicline.mobileapi.texts.TextInbox;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The pictures and other attachments residents sent with their texts (MMS), as stored, for members
 * of the thread's department.
 */
public final class StaffTextMediaRoutes {
  public static final String MEDIA = StaffTextRoutes.THREADS + "/:threadId/media/:mediaId";

  private final TextInbox texts;
  private final TextAttachments attachments;
  private final DepartmentMembers members;
  private final BearerStaffAuth auth;

  public StaffTextMediaRoutes(
      TextInbox texts,
      TextAttachments attachments,
      StaffDirectory directory,
      BearerStaffAuth auth) {
    this.texts = texts;
    this.attachments = attachments;
    this.members = new DepartmentMembers(directory);
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get(MEDIA).handler(auth).handler(Endpoint.download(this::media));
  }

  private Future<Endpoint.Download> media(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    String mediaId = ctx.pathParam("mediaId");
    return members
        .thread(texts, me, ctx.pathParam("threadId"))
        .compose(thread -> attachments.attachment(me.tenant(), thread.getString("id"), mediaId))
        .map(
            found ->
                found
                    .map(a -> new Endpoint.Download(a.contentType(), a.content()))
                    .orElseThrow(() -> new StoreException.NotFound("attachment " + mediaId)));
  }
}
