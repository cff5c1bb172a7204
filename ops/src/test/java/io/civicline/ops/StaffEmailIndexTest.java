package io.civicline.ops;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.UniqueValue;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff sign in by email, so no two members of a town may share one: the admin API refuses a
 * second, and members stored before emails were indexed are indexed when the server starts.
 */
@ExtendWith(RedisExtension.class)
class StaffEmailIndexTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String PASSWORD = "ledger-harbor-42-maple";

  private final RedisServer redis;
  @TempDir Path dir;

  StaffEmailIndexTest(RedisServer redis) {
    this.redis = redis;
  }

  private static Api.Response signIn(RunningServer server, String email) {
    return new Api(server.port(), null)
        .post(
            "/api/v1/staff/auth/sign-in",
            new JsonObject()
                .put("tenant", "lakeside")
                .put("email", email)
                .put("password", PASSWORD));
  }

  @Test
  void aSecondMemberWithTheSameEmailIsRefused() {
    redis.flushAll();
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      Api admin = server.platformAdmin();
      JsonObject twinStaff =
          new JsonObject()
              .put("id", "maria-twin")
              .put("name", "Maria Twin")
              .put("extension", "199")
              .put("email", "MGonzalez@Lakeside.example");
      Api.Response twin = admin.post(L + "/staff", twinStaff);
      assertThat(twin.status()).as(twin.body()).isEqualTo(409);
      assertThat(twin.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("#/email");

      // Changing an email frees the old one for someone else.
      Api.Response read = admin.get(L + "/staff/maria-gonzalez");
      JsonObject maria = read.json().put("email", "maria@lakeside.example");
      Api.Response changed = admin.put(L + "/staff/maria-gonzalez", maria, read.etag());
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(admin.post(L + "/staff", twinStaff).status()).isEqualTo(201);
    }
  }

  @Test
  void membersStoredBeforeTheIndexCanSignInAfterARestart() {
    redis.flushAll();
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      assertThat(server.platformAdmin().get(L).status()).isEqualTo(200);
    }
    // An older version wrote staff without claiming their email (and never indexed them).
    RedisTestBed bed = RedisTestBed.openWithoutFlush(redis);
    try {
      await(
          bed.redis()
              .send(
                  io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL)
                      .arg(io.civicline.core.redis.Keys.platform("staff-email-index"))));
      StaffMember legacy =
          new StaffMember(
              "old-timer",
              "Old Timer",
              "777",
              Optional.of("Old.Timer@lakeside.example"),
              Optional.empty(),
              List.of("agent"),
              List.of("en"),
              List.of());
      await(
          new DocumentStore(bed.redis(), Clock.systemUTC())
              .create(
                  new DocumentStore.Write(
                      "lakeside",
                      StaffMember.COLLECTION,
                      legacy.id(),
                      legacy.toJson(),
                      List.of(),
                      List.of(new UniqueValue("staff-extension", "777", "#/extension")),
                      Actor.SYSTEM)));
    } finally {
      bed.close();
    }
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      Api admin = server.platformAdmin();
      admin.put(L + "/staff/old-timer/password", new JsonObject().put("password", PASSWORD), null);
      Api.Response signedIn = signIn(server, "old.timer@lakeside.example");
      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
      assertThat(signIn(server, "nobody@lakeside.example").status()).isEqualTo(401);
    }
  }
}
