package io.civicline.ops.voicemail;

import io.civicline.core.http.Problem;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.voicemail.export.MailboxExport;
import io.civicline.voicemail.mailbox.Mailbox;
import io.civicline.voicemail.message.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A mailbox (or a date range of it) exported for a records request: a ZIP of the audio files with a
 * manifest in JSON and CSV that carries each file's SHA-256. The archive is built in a temporary
 * file first, so a failure part-way never sends a truncated ZIP; the export is audited.
 */
public final class ExportRoutes {
  private final Vertx vertx;
  private final TenantAccess access;
  private final DirectoryService directory;
  private final Kinds kinds;
  private final MessageStore messages;
  private final MailboxExport export;

  public ExportRoutes(
      Vertx vertx,
      TenantAccess access,
      DirectoryService directory,
      Kinds kinds,
      MessageStore messages,
      MailboxExport export) {
    this.vertx = vertx;
    this.access = access;
    this.directory = directory;
    this.kinds = kinds;
    this.messages = messages;
    this.export = export;
  }

  public void mount(Router router) {
    router.get(DirectoryRoutes.TENANT_BASE + "/mailboxes/:id/export").handler(this::export);
  }

  private void export(RoutingContext ctx) {
    Optional<Instant> from;
    Optional<Instant> to;
    try {
      from = instant(ctx, "from");
      to = instant(ctx, "to");
    } catch (Problem problem) {
      ctx.fail(problem);
      return;
    }
    access
        .scope(ctx)
        .compose(scope -> owner(ctx, scope))
        .compose(owner -> build(ctx, owner, from, to))
        .onFailure(ctx::fail);
  }

  private Future<Void> build(
      RoutingContext ctx, Mailbox.Owner owner, Optional<Instant> from, Optional<Instant> to) {
    String tenant = ctx.pathParam("tenant");
    return vertx
        .executeBlocking(() -> Files.createTempFile("civicline-export-", ".zip"), false)
        .compose(
            file ->
                vertx
                    .executeBlocking(() -> Files.newOutputStream(file), false)
                    .compose(
                        out ->
                            export
                                .write(tenant, owner.address(), from, to, out)
                                .eventually(() -> close(out)))
                    .compose(
                        summary ->
                            messages.auditMailbox(
                                tenant,
                                owner.address(),
                                BearerAuth.principal(ctx).actor(),
                                "export",
                                new JsonObject()
                                    .put("messages", summary.messages())
                                    .put("from", from.map(Instant::toString).orElse(null))
                                    .put("to", to.map(Instant::toString).orElse(null))))
                    .compose(v -> send(ctx, owner, file))
                    .eventually(
                        () -> vertx.executeBlocking(() -> Files.deleteIfExists(file), false)));
  }

  private Future<Void> send(RoutingContext ctx, Mailbox.Owner owner, Path file) {
    return ctx.response()
        .putHeader("Content-Type", "application/zip")
        .putHeader(
            "Content-Disposition", "attachment; filename=\"" + owner.mailboxId() + "-export.zip\"")
        .putHeader("Cache-Control", "private, no-store")
        .sendFile(file.toString());
  }

  private Future<Void> close(OutputStream out) {
    return vertx.executeBlocking(
        () -> {
          out.close();
          return null;
        },
        false);
  }

  private Future<Mailbox.Owner> owner(RoutingContext ctx, Scope scope) {
    String id = ctx.pathParam("id");
    Optional<Mailbox.Owner> owner = Mailbox.ownerOf(id);
    if (owner.isEmpty()) {
      return Future.failedFuture(Problem.notFound("no mailbox '" + id + "'"));
    }
    var kind = Mailbox.DEPARTMENT.equals(owner.get().kind()) ? kinds.departments : kinds.staff;
    return directory
        .get(scope, kind, owner.get().id())
        .map(
            found -> {
              if (found.isEmpty()) {
                throw Problem.notFound("no mailbox '" + id + "'");
              }
              return owner.get();
            });
  }

  private static Optional<Instant> instant(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw Problem.badParameter(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }
}
