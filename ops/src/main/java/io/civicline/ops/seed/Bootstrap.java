package io.civicline.ops.seed;

import io.civicline.core.directory.BuiltInCalendars;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.store.Actor;
import io.civicline.core.store.StoreException;
import io.civicline.ops.auth.Principal;
import io.civicline.ops.auth.TokenService;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every start makes sure of: the built-in shared calendars exist, and the operator holds a
 * working platform-admin token in a file only they can read (a new one is issued when the file is
 * missing or its token no longer works).
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  private static final Actor ACTOR = new Actor("system:bootstrap", "CivicLine bootstrap");

  private final Vertx vertx;
  private final DirectoryService directory;
  private final Kinds kinds;
  private final TokenService tokens;

  public Bootstrap(Vertx vertx, DirectoryService directory, Kinds kinds, TokenService tokens) {
    this.vertx = vertx;
    this.directory = directory;
    this.kinds = kinds;
    this.tokens = tokens;
  }

  public Future<Void> run(Path tokenFile) {
    return builtInCalendars().compose(v -> platformAdminToken(tokenFile));
  }

  private Future<Void> builtInCalendars() {
    List<HolidayCalendar> builtIn = List.of(BuiltInCalendars.usFederal());
    return Future.all(builtIn.stream().map(this::ensureShared).toList()).mapEmpty();
  }

  private Future<Void> ensureShared(HolidayCalendar calendar) {
    return directory
        .get(Scope.PLATFORM, kinds.calendars, calendar.id())
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture()
                    : directory
                        .create(Scope.PLATFORM, kinds.calendars, calendar.toJson(), ACTOR)
                        .<Void>mapEmpty()
                        .recover(Bootstrap::ignoreAlreadyExists));
  }

  static Future<Void> ignoreAlreadyExists(Throwable failure) {
    return failure instanceof StoreException.AlreadyExists
        ? Future.succeededFuture()
        : Future.failedFuture(failure);
  }

  private Future<Void> platformAdminToken(Path file) {
    return vertx
        .executeBlocking(() -> readToken(file))
        .compose(
            token ->
                token.isEmpty()
                    ? Future.succeededFuture(Optional.<Principal>empty())
                    : tokens.authenticate(token.get()))
        .compose(
            principal -> {
              if (principal.filter(Principal::isPlatformAdmin).isPresent()) {
                return Future.succeededFuture();
              }
              return tokens
                  .issue(
                      "platform admin (bootstrap)",
                      Principal.Role.PLATFORM_ADMIN,
                      Optional.empty(),
                      ACTOR)
                  .compose(issued -> vertx.executeBlocking(() -> writeToken(file, issued.secret())))
                  .onSuccess(
                      written ->
                          LOG.atInfo()
                              .addKeyValue("file", file.toAbsolutePath().toString())
                              .log("issued a platform-admin token"))
                  .mapEmpty();
            });
  }

  private static Optional<String> readToken(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
  }

  /** Written to a temporary file with owner-only permissions, then moved into place. */
  private static Path writeToken(Path file, String secret) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp =
        Files.createTempFile(
            dir,
            ".token-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
    return Files.move(
        temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
