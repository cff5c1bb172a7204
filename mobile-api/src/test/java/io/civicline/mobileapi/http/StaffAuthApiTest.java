package io.civicline.mobileapi.http;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in, tokens, sign-out and revocation over HTTP, against a real Redis. */
@ExtendWith(RedisExtension.class)
class StaffAuthApiTest {
  static final String PASSWORD = "river-bank-7-ferry";
  static final String EMAIL = "ann@towns.example";

  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;

  StaffAuthApiTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    http = server.http;
    server.addStaff("lakeside", "ann", EMAIL, List.of("agent", "supervisor"));
    server.setPassword("lakeside", "ann", PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static JsonObject credentials(String tenant, String email, String password) {
    return new JsonObject().put("tenant", tenant).put("email", email).put("password", password);
  }

  private Http.Response signIn(String tenant, String email, String password) {
    return http.post(StaffAuthRoutes.SIGN_IN, credentials(tenant, email, password));
  }

  private JsonObject signedIn() {
    Http.Response response = signIn("lakeside", EMAIL, PASSWORD);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void signInGivesTokensThatReachTheProfile() {
    Http.Response response = signIn("lakeside", "  ANN@towns.example ", PASSWORD);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).contains("no-store");
    JsonObject tokens = response.json();
    assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.getLong("expiresIn")).isEqualTo(900);
    assertThat(tokens.getString("tenant")).isEqualTo("lakeside");
    assertThat(tokens.getString("staffId")).isEqualTo("ann");
    assertThat(tokens.getJsonArray("roles")).containsExactly("agent", "supervisor");
    assertThat(tokens.getString("refreshToken")).startsWith("lakeside.");

    Http.Response me = http.get(StaffAuthRoutes.ME, tokens.getString("accessToken"));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.header("Cache-Control")).contains("no-store");
    assertThat(me.json().getString("id")).isEqualTo("ann");
    assertThat(me.json().getString("tenant")).isEqualTo("lakeside");
    assertThat(me.json().getString("email")).isEqualTo(EMAIL);
    assertThat(me.body()).doesNotContain("argon2").doesNotContain("password");
  }

  @Test
  void unknownEmailWrongPasswordAndLockoutLookTheSame() {
    server.addStaff("lakeside", "bob", "bob@towns.example", List.of("agent"));
    // bob has no password at all
    Http.Response wrong = signIn("lakeside", EMAIL, "wrong-password-1");
    Http.Response unknown = signIn("lakeside", "nobody@towns.example", PASSWORD);
    Http.Response noPassword = signIn("lakeside", "bob@towns.example", PASSWORD);
    Http.Response unknownTown = signIn("nowhere", EMAIL, PASSWORD);
    for (int i = 0; i < 5; i++) {
      signIn("lakeside", EMAIL, "wrong-password-" + i);
    }
    Http.Response locked = signIn("lakeside", EMAIL, PASSWORD);

    for (Http.Response refused : List.of(wrong, unknown, noPassword, unknownTown, locked)) {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.header("Content-Type")).contains("application/problem+json");
      assertThat(refused.header("Retry-After")).isEmpty();
      assertThat(refused.json().copy().put("instance", "-"))
          .isEqualTo(wrong.json().copy().put("instance", "-"));
    }
    assertThat(wrong.json().getString("type"))
        .isEqualTo("urn:civicline:problem:invalid-credentials");
  }

  @Test
  void anAccountIsLockedAfterFiveFailuresForADoublingTime() {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("lakeside", EMAIL, "wrong-password-" + i).status()).isEqualTo(401);
    }
    // the right password no longer helps...
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(401);
    // ...until the first lockout (1 minute) is over
    server.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(200);

    for (int i = 0; i < 5; i++) {
      signIn("lakeside", EMAIL, "wrong-password-" + i);
    }
    // attempts while locked are refused unchecked and do not count...
    signIn("lakeside", EMAIL, "wrong-password-x");
    server.clock.advance(Duration.ofSeconds(61));
    // ...but the next failure after the lockout locks for twice as long
    signIn("lakeside", EMAIL, "wrong-password-6");
    server.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(401);
    server.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void oneAddressGuessingAtManyAccountsIsLockedOut() {
    for (int i = 0; i < 20; i++) {
      signIn("lakeside", "guess" + i + "@towns.example", "wrong-password-1");
    }
    // a real account from the same address is refused too now
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(401);
    server.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void behindATrustedProxyEachForwardedClientIsCountedOnItsOwn() {
    server.close();
    server =
        StaffApiServer.start(
            redis,
            StaffApiServer.defaultSettings()
                .withTrustedProxies(
                    io.civicline.mobileapi.auth.TrustedProxies.of(
                        List.of("127.0.0.0/8", "10.0.0.0/8"))));
    http = server.http;
    server.addStaff("lakeside", "ann", EMAIL, List.of("agent"));
    server.setPassword("lakeside", "ann", PASSWORD);
    for (int i = 0; i < 20; i++) {
      fromClient("203.0.113.9", "guess" + i + "@towns.example", "wrong-password-1");
    }
    // the guesser's address is locked out; another resident office behind the same proxy is not
    assertThat(fromClient("203.0.113.9", EMAIL, PASSWORD).status()).isEqualTo(401);
    assertThat(fromClient("198.51.100.7", EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  private Http.Response fromClient(String client, String email, String password) {
    return http.postWith(
        StaffAuthRoutes.SIGN_IN,
        credentials("lakeside", email, password),
        null,
        "X-Forwarded-For",
        client + ", 10.1.2.3");
  }

  @Test
  void anAdministratorsNewPasswordLiftsTheLockout() {
    for (int i = 0; i < 5; i++) {
      signIn("lakeside", EMAIL, "wrong-password-" + i);
    }
    server.setPassword("lakeside", "ann", "new-river-bank-8");
    assertThat(signIn("lakeside", EMAIL, "new-river-bank-8").status()).isEqualTo(200);
  }

  @Test
  void anExpiredAccessTokenIsRefused() {
    String access = signedIn().getString("accessToken");
    server.clock.advance(Duration.ofMinutes(15).plusSeconds(31));

    Http.Response me = http.get(StaffAuthRoutes.ME, access);
    assertThat(me.status()).isEqualTo(401);
    assertThat(me.json().getString("type")).isEqualTo("urn:civicline:problem:invalid-token");
    assertThat(me.header("WWW-Authenticate")).get().asString().startsWith("Bearer");
  }

  @Test
  void missingOrMangledAccessTokensAreRefused() {
    String access = signedIn().getString("accessToken");
    assertThat(http.get(StaffAuthRoutes.ME, null).status()).isEqualTo(401);
    assertThat(http.get(StaffAuthRoutes.ME, "not-a-jwt").status()).isEqualTo(401);
    assertThat(http.get(StaffAuthRoutes.ME, access + "x").status()).isEqualTo(401);
  }

  @Test
  void refreshRotatesTheRefreshToken() {
    JsonObject first = signedIn();
    server.clock.advance(Duration.ofMinutes(20));

    Http.Response refreshed = refresh(first.getString("refreshToken"));
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    assertThat(refreshed.header("Cache-Control")).contains("no-store");
    JsonObject second = refreshed.json();
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(second.getString("accessToken")).isNotEqualTo(first.getString("accessToken"));
    assertThat(http.get(StaffAuthRoutes.ME, second.getString("accessToken")).status())
        .isEqualTo(200);
    // and the new one works once too
    assertThat(refresh(second.getString("refreshToken")).status()).isEqualTo(200);
  }

  @Test
  void reusingASpentRefreshTokenEndsTheWholeSession() {
    JsonObject first = signedIn();
    JsonObject second = refresh(first.getString("refreshToken")).json();

    // the thief (or the victim) replays the spent token
    Http.Response replay = refresh(first.getString("refreshToken"));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.json().getString("type"))
        .isEqualTo("urn:civicline:problem:invalid-refresh-token");

    // every token of the session is dead now, also the newest ones
    assertThat(refresh(second.getString("refreshToken")).status()).isEqualTo(401);
    assertThat(http.get(StaffAuthRoutes.ME, second.getString("accessToken")).status())
        .isEqualTo(401);
  }

  @Test
  void aGuessedRefreshTokenForAKnownSessionDoesNotEndIt() {
    JsonObject tokens = signedIn();
    String real = tokens.getString("refreshToken");
    String guessed = real.substring(0, real.lastIndexOf('.') + 1) + "A".repeat(43);

    assertThat(refresh(guessed).status()).isEqualTo(401);
    assertThat(refresh("garbage").status()).isEqualTo(401);
    assertThat(refresh(real).status()).isEqualTo(200);
  }

  @Test
  void signOutRevokesTheSession() {
    JsonObject tokens = signedIn();
    JsonObject other = signedIn();

    Http.Response out = http.post(StaffAuthRoutes.SIGN_OUT, null, tokens.getString("accessToken"));
    assertThat(out.status()).as(out.toString()).isEqualTo(204);

    assertThat(http.get(StaffAuthRoutes.ME, tokens.getString("accessToken")).status())
        .isEqualTo(401);
    assertThat(refresh(tokens.getString("refreshToken")).status()).isEqualTo(401);
    // the member's other session (another phone) goes on
    assertThat(http.get(StaffAuthRoutes.ME, other.getString("accessToken")).status())
        .isEqualTo(200);
    assertThat(http.post(StaffAuthRoutes.SIGN_OUT, null, null).status()).isEqualTo(401);
  }

  @Test
  void anAdministratorRevokesEverySessionOfAMember() {
    JsonObject phone = signedIn();
    JsonObject tablet = signedIn();
    server.addStaff("lakeside", "bob", "bob@towns.example", List.of("agent"));
    server.setPassword("lakeside", "bob", PASSWORD);
    JsonObject bob = signIn("lakeside", "bob@towns.example", PASSWORD).json();

    assertThat(await(server.api.passwords().revokeAllSessions("lakeside", "ann"))).isEqualTo(2);

    for (JsonObject tokens : List.of(phone, tablet)) {
      assertThat(http.get(StaffAuthRoutes.ME, tokens.getString("accessToken")).status())
          .isEqualTo(401);
      assertThat(refresh(tokens.getString("refreshToken")).status()).isEqualTo(401);
    }
    assertThat(http.get(StaffAuthRoutes.ME, bob.getString("accessToken")).status()).isEqualTo(200);
    // and signing in again works
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void settingAPasswordEndsTheMembersSessions() {
    JsonObject tokens = signedIn();
    server.setPassword("lakeside", "ann", "brand-new-pass-42");

    assertThat(http.get(StaffAuthRoutes.ME, tokens.getString("accessToken")).status())
        .isEqualTo(401);
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(401);
    assertThat(signIn("lakeside", EMAIL, "brand-new-pass-42").status()).isEqualTo(200);
  }

  private static JsonObject change(String current, String fresh) {
    return new JsonObject().put("currentPassword", current).put("newPassword", fresh);
  }

  @Test
  void aMemberChangesTheirPasswordAndEverySessionEnds() {
    JsonObject phone = signedIn();
    JsonObject tablet = signedIn();
    String fresh = "copper-lantern-17-birch";

    Http.Response changed =
        http.put(
            StaffAuthRoutes.MY_PASSWORD, change(PASSWORD, fresh), phone.getString("accessToken"));

    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.header("Cache-Control")).contains("no-store");
    for (JsonObject ended : List.of(phone, tablet)) {
      assertThat(http.get(StaffAuthRoutes.ME, ended.getString("accessToken")).status())
          .isEqualTo(401);
      assertThat(
              http.post(
                      StaffAuthRoutes.REFRESH,
                      new JsonObject().put("refreshToken", ended.getString("refreshToken")))
                  .status())
          .isEqualTo(401);
    }
    assertThat(http.get(StaffAuthRoutes.ME, changed.json().getString("accessToken")).status())
        .as("the caller's new session")
        .isEqualTo(200);
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(401);
    assertThat(signIn("lakeside", EMAIL, fresh).status()).isEqualTo(200);
  }

  @Test
  void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
    String token = signedIn().getString("accessToken");

    Http.Response wrong =
        http.put(
            StaffAuthRoutes.MY_PASSWORD,
            change("not-my-password-9", "copper-lantern-17-birch"),
            token);
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/currentPassword");

    Http.Response weak = http.put(StaffAuthRoutes.MY_PASSWORD, change(PASSWORD, "short1"), token);
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.json().getJsonArray("errors").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("pointer", "#/newPassword")
                .put("detail", "must be at least 12 characters"));

    Http.Response missing = http.put(StaffAuthRoutes.MY_PASSWORD, new JsonObject(), token);
    assertThat(
            missing.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("#/currentPassword", "#/newPassword");

    assertThat(http.get(StaffAuthRoutes.ME, token).status()).as("still signed in").isEqualTo(200);
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void theRightCurrentPasswordWithAWeakNewOneCountsNoFailedGuess() {
    String token = signedIn().getString("accessToken");
    for (int i = 0; i < 7; i++) {
      Http.Response weak =
          http.put(StaffAuthRoutes.MY_PASSWORD, change(PASSWORD, "weak" + i), token);
      assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("#/newPassword");
    }
    assertThat(
            http.put(
                    StaffAuthRoutes.MY_PASSWORD, change(PASSWORD, "copper-lantern-17-birch"), token)
                .status())
        .as("not locked out")
        .isEqualTo(200);
  }

  @Test
  void guessingTheCurrentPasswordFromAnUnlockedPhoneLocksTheAccount() {
    String token = signedIn().getString("accessToken");
    for (int i = 0; i < 5; i++) {
      assertThat(
              http.put(
                      StaffAuthRoutes.MY_PASSWORD,
                      change("guess-number-" + i, "copper-lantern-17-birch"),
                      token)
                  .status())
          .isEqualTo(422);
    }
    Http.Response locked =
        http.put(StaffAuthRoutes.MY_PASSWORD, change(PASSWORD, "copper-lantern-17-birch"), token);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("type"))
        .isEqualTo("urn:civicline:problem:too-many-attempts");
    assertThat(signIn("lakeside", EMAIL, PASSWORD).status())
        .as("sign-in is locked too")
        .isEqualTo(401);
  }

  @Test
  void thePasswordPolicyAndUnknownMembersAreReportedToTheAdmin() {
    assertThatThrownBy(() -> server.setPassword("lakeside", "ann", "short1"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).errors().get(0).pointer())
                    .isEqualTo("#/password"));
    assertThatThrownBy(() -> server.setPassword("lakeside", "nobody", PASSWORD))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void aMemberRemovedFromTheDirectoryLosesAccess() {
    JsonObject tokens = signedIn();
    await(
        server.store.delete(
            "lakeside",
            "staff",
            "ann",
            java.util.OptionalLong.empty(),
            io.civicline.core.store.Actor.SYSTEM,
            List.of()));

    assertThat(http.get(StaffAuthRoutes.ME, tokens.getString("accessToken")).status())
        .isEqualTo(401);
    assertThat(refresh(tokens.getString("refreshToken")).status()).isEqualTo(401);
  }

  @Test
  void badInputIsNamedByJsonPointer() {
    Http.Response invalid =
        http.post(
            StaffAuthRoutes.SIGN_IN,
            new JsonObject().put("tenant", "Not A Slug").put("password", 12).put("extra", true));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.header("Content-Type")).contains("application/problem+json");
    JsonArray errors = invalid.json().getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactlyInAnyOrder("#/tenant", "#/email", "#/password", "#/extra");

    Http.Response malformed =
        http.postRaw(StaffAuthRoutes.SIGN_IN, "{\"password\": \"hunter2", "application/json", null);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).doesNotContain("hunter2");

    assertThat(http.postRaw(StaffAuthRoutes.SIGN_IN, "x", "text/plain", null).status())
        .isEqualTo(415);
    assertThat(http.post(StaffAuthRoutes.REFRESH, new JsonObject()).json().getJsonArray("errors"))
        .containsExactly(
            new JsonObject().put("pointer", "#/refreshToken").put("detail", "is required"));
  }

  @Test
  void unknownStaffPathsAndMethodsAreProblemsToo() {
    Http.Response missing = http.get("/api/v1/staff/nothing-here", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).contains("application/problem+json");

    Http.Response wrongMethod = http.get(StaffAuthRoutes.SIGN_IN, null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).contains("POST");

    // templated paths too: an inbox item answers GET and PATCH
    Http.Response item = http.post("/api/v1/staff/inbox/items/voicemail/vm-1", new JsonObject());
    assertThat(item.status()).isEqualTo(405);
    assertThat(item.header("Allow")).contains("GET, PATCH");
    assertThat(http.get("/api/v1/staff/inbox/items/voicemail", null).status()).isEqualTo(404);
  }

  private Http.Response refresh(String token) {
    return http.post(StaffAuthRoutes.REFRESH, new JsonObject().put("refreshToken", token));
  }
}
