package io.civicline.ops.support;

import io.civicline.core.redis.RedisSettings;
import io.civicline.ops.CivicLineServer;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The real server on a free port against a test's private Redis, with an API client. */
public final class RunningServer implements AutoCloseable {
  private final CivicLineServer server;
  private final Path tokenFile;

  private RunningServer(CivicLineServer server, Path tokenFile) {
    this.server = server;
    this.tokenFile = tokenFile;
  }

  public static RunningServer start(RedisServer redis, Path dir, boolean demoSeed) {
    return start(redis, dir, demoSeed, 65536);
  }

  public static RunningServer start(RedisServer redis, Path dir, boolean demoSeed, int maxBody) {
    Path tokenFile = dir.resolve("platform-admin.token");
    CivicLineConfig config =
        new CivicLineConfig(
            new CivicLineConfig.Http("127.0.0.1", 0, maxBody),
            RedisSettings.standalone(redis.url()),
            new CivicLineConfig.Admin(tokenFile),
            demoSeed,
            Duration.ofSeconds(1));
    try {
      CivicLineServer server =
          CivicLineServer.start(config, Clock.systemUTC())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new RunningServer(server, tokenFile);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
  }

  public CivicLineServer server() {
    return server;
  }

  public int port() {
    return server.httpPort();
  }

  public Path tokenFile() {
    return tokenFile;
  }

  public String platformToken() {
    try {
      return Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client signed in with the platform-admin token. */
  public Api platformAdmin() {
    return new Api(port(), platformToken());
  }

  public Api as(String token) {
    return new Api(port(), token);
  }

  /** Issues a tenant-admin token for {@code tenant} and returns a client using it. */
  public Api tenantAdmin(String tenant) {
    Api.Response issued =
        platformAdmin()
            .post(
                "/api/v1/tokens",
                new JsonObject()
                    .put("name", "admin of " + tenant)
                    .put("role", "tenant-admin")
                    .put("tenant", tenant));
    if (issued.status() != 201) {
      throw new IllegalStateException("cannot issue token: " + issued);
    }
    return as(issued.json().getString("token"));
  }

  @Override
  public void close() {
    server.close();
  }
}
