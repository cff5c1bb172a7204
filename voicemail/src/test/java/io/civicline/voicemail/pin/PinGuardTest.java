package io.civicline.voicemail.pin;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.store.AuditEntry;
import io.civicline.core.store.AuditTrail;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class PinGuardTest {
  private static final String TENANT = "lakeside";
  private static final String PIN = "482915";
  private static final String WRONG = "482916";
  private static final String CALLER = "+12075550142";
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final PinHasher HASHER = new PinHasher(PinHasher.MIN_ITERATIONS);
  private static String hash;

  private final RedisServer server;
  private final List<Lockout> lockouts = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private PinGuard guard;

  PinGuardTest(RedisServer server) {
    this.server = server;
  }

  @BeforeAll
  static void hashThePin() {
    hash = HASHER.hash(PIN);
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    guard = new PinGuard(vertx, redis, HASHER, lockouts::add);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void acceptsTheRightPinAndRejectsAWrongOne() {
    assertThat(attempt("clerk", CALLER, PIN, T0)).isEqualTo(Attempt.ACCEPTED);
    assertThat(attempt("clerk", CALLER, WRONG, T0)).isEqualTo(Attempt.REJECTED);
  }

  @Test
  void aMailboxWithoutAPinOpensToNothing() {
    assertThat(await(guard.check(TENANT, "clerk", CALLER, PIN, null, T0)))
        .isEqualTo(Attempt.REJECTED);
    assertThat(await(guard.check(TENANT, "clerk", CALLER, PIN, "garbage", T0)))
        .isEqualTo(Attempt.REJECTED);
    assertThat(zcard(PinGuard.mailboxFailuresKey(TENANT, "clerk"))).isEqualTo(2);
  }

  @Test
  void aSuccessResetsBothCounters() {
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(i))).isEqualTo(Attempt.REJECTED);
    }
    assertThat(attempt("clerk", CALLER, PIN, T0.plusSeconds(10))).isEqualTo(Attempt.ACCEPTED);
    assertThat(zcard(PinGuard.mailboxFailuresKey(TENANT, "clerk"))).isZero();
    assertThat(zcard(PinGuard.callerFailuresKey(TENANT, CALLER))).isZero();

    for (int i = 0; i < 4; i++) {
      assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(20 + i)))
          .isEqualTo(Attempt.REJECTED);
    }
    assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(30))).isEqualTo(Attempt.LOCKED);
  }

  @Test
  void fiveFailuresLockAndTheRightPinThenLooksLikeAWrongOne() {
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(i))).isEqualTo(Attempt.REJECTED);
    }
    assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(4))).isEqualTo(Attempt.LOCKED);

    // Locked: the right PIN and a wrong one get the same answer, from any number.
    assertThat(attempt("clerk", CALLER, PIN, T0.plusSeconds(5))).isEqualTo(Attempt.LOCKED);
    assertThat(attempt("clerk", CALLER, WRONG, T0.plusSeconds(6))).isEqualTo(Attempt.LOCKED);
    assertThat(attempt("clerk", "+12075550199", PIN, T0.plusSeconds(7))).isEqualTo(Attempt.LOCKED);
    // ... and attempts while locked are not counted.
    assertThat(zcard(PinGuard.mailboxFailuresKey(TENANT, "clerk"))).isEqualTo(5);
    assertThat(zcard(PinGuard.callerFailuresKey(TENANT, "+12075550199"))).isZero();

    assertThat(lockouts)
        .containsExactly(
            new Lockout(
                TENANT,
                "clerk",
                CALLER,
                T0.plusSeconds(4),
                T0.plusSeconds(4).plus(PinGuard.WINDOW),
                Set.of(Lockout.Scope.MAILBOX, Lockout.Scope.CALLER)));
  }

  @Test
  void theLockoutIsAuditedOnceWithoutThePin() {
    for (int i = 0; i < 8; i++) {
      attempt("clerk", CALLER, i == 6 ? PIN : WRONG, T0.plusSeconds(i));
    }

    List<AuditEntry> entries = await(new AuditTrail(redis).list(TENANT, null, 10)).items();
    assertThat(entries).hasSize(1);
    AuditEntry entry = entries.get(0);
    assertThat(entry.action()).isEqualTo("pin-lockout");
    assertThat(entry.resource()).isEqualTo("mailboxes/clerk");
    assertThat(entry.actor())
        .isEqualTo(new JsonObject().put("id", "system:pin-guard").put("name", "PIN guard"));
    assertThat(entry.at()).isEqualTo(T0.plusSeconds(4));
    assertThat(entry.version()).isZero();
    assertThat(entry.before()).isNull();
    JsonObject after = (JsonObject) entry.after();
    assertThat(after.getString("mailbox")).isEqualTo("clerk");
    assertThat(after.getString("callerNumber")).isEqualTo(CALLER);
    assertThat(after.getString("lockedUntil"))
        .isEqualTo(T0.plusSeconds(4).plus(PinGuard.WINDOW).toString());
    assertThat(after.getJsonArray("lockedBy").getList())
        .containsExactlyInAnyOrder("mailbox", "caller");
    assertThat(after.getJsonObject("failures"))
        .isEqualTo(new JsonObject().put("mailbox", 5).put("caller", 5));

    String raw =
        send(Request.cmd(Command.XRANGE).arg(DocumentStore.auditKey(TENANT)).arg("-").arg("+"))
            .toString();
    assertThat(raw).doesNotContain(PIN).doesNotContain(WRONG).doesNotContain(hash);
    assertThat(lockouts).hasSize(1);
  }

  @Test
  void aCallingNumberIsLockedAcrossMailboxes() {
    List<String> mailboxes = List.of("clerk", "tax", "parks", "police", "water");
    for (int i = 0; i < 4; i++) {
      assertThat(attempt(mailboxes.get(i), CALLER, WRONG, T0.plusSeconds(i)))
          .isEqualTo(Attempt.REJECTED);
    }
    assertThat(attempt(mailboxes.get(4), CALLER, WRONG, T0.plusSeconds(4)))
        .isEqualTo(Attempt.LOCKED);

    // The number is locked everywhere, even with the right PIN of a mailbox it never tried...
    assertThat(attempt("library", CALLER, PIN, T0.plusSeconds(5))).isEqualTo(Attempt.LOCKED);
    // ... while the mailboxes themselves, each with one failure, still open for other callers.
    assertThat(attempt("clerk", "+12075550199", PIN, T0.plusSeconds(6)))
        .isEqualTo(Attempt.ACCEPTED);

    assertThat(lockouts).hasSize(1);
    assertThat(lockouts.get(0).scopes()).containsExactly(Lockout.Scope.CALLER);
    assertThat(lockouts.get(0).mailbox()).isEqualTo("water");
  }

  @Test
  void failuresAgeOutOfTheWindow() {
    for (int i = 0; i < 4; i++) {
      attempt("clerk", CALLER, WRONG, T0.plusSeconds(i));
    }
    // The first failure is exactly one window old here, so it no longer counts: 4, not 5.
    Instant later = T0.plus(PinGuard.WINDOW);
    assertThat(attempt("clerk", CALLER, WRONG, later)).isEqualTo(Attempt.REJECTED);
    assertThat(zcard(PinGuard.mailboxFailuresKey(TENANT, "clerk"))).isEqualTo(4);
    // One second on, the second is gone too; a sixth failure in all still does not lock.
    assertThat(attempt("clerk", CALLER, WRONG, later.plusSeconds(1))).isEqualTo(Attempt.REJECTED);
    // Seconds 2 and 3, later, later + 1 and this one: five within fifteen minutes.
    assertThat(attempt("clerk", CALLER, WRONG, later.plusSeconds(1))).isEqualTo(Attempt.LOCKED);
    assertThat(lockouts).hasSize(1);
  }

  @Test
  void aLockEndsAWindowAfterItBegan() {
    for (int i = 0; i < 5; i++) {
      attempt("clerk", CALLER, WRONG, T0.plusSeconds(i));
    }
    Instant lockedAt = T0.plusSeconds(4);
    Instant end = lockedAt.plus(PinGuard.WINDOW);
    assertThat(attempt("clerk", CALLER, PIN, end.minusMillis(1))).isEqualTo(Attempt.LOCKED);
    assertThat(attempt("clerk", CALLER, PIN, end)).isEqualTo(Attempt.ACCEPTED);

    // The counters start afresh: four more failures do not lock again.
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("clerk", CALLER, WRONG, end.plusSeconds(1 + i)))
          .isEqualTo(Attempt.REJECTED);
    }
    assertThat(lockouts).hasSize(1);
  }

  @Test
  void concurrentGuessesLockExactlyOnce() {
    List<Future<Attempt>> guesses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      guesses.add(
          guard.check(TENANT, "clerk", CALLER, String.valueOf(100000 + i), hash, T0.plusMillis(i)));
    }
    List<Attempt> answers = new ArrayList<>();
    for (Future<Attempt> guess : guesses) {
      answers.add(await(guess));
    }
    assertThat(answers).filteredOn(Attempt.REJECTED::equals).hasSize(4);
    assertThat(answers).doesNotContain(Attempt.ACCEPTED);
    assertThat(zcard(PinGuard.mailboxFailuresKey(TENANT, "clerk"))).isEqualTo(5);
    assertThat(await(new AuditTrail(redis).list(TENANT, null, 10)).items()).hasSize(1);
    assertThat(lockouts).hasSize(1);
  }

  @Test
  void tenantsDoNotShareCounters() {
    for (int i = 0; i < 5; i++) {
      attempt("clerk", CALLER, WRONG, T0.plusSeconds(i));
    }
    assertThat(await(guard.check("brookfield", "clerk", CALLER, PIN, hash, T0.plusSeconds(5))))
        .isEqualTo(Attempt.ACCEPTED);
  }

  @Test
  void keysCarryTheTenantHashTag() {
    attempt("clerk", CALLER, WRONG, T0);
    attempt("clerk", null, WRONG, T0);
    attempt("clerk", "anonymous", WRONG, T0);
    Response keys = send(Request.cmd(Command.KEYS).arg("*"));
    List<String> names = new ArrayList<>();
    keys.forEach(key -> names.add(key.toString()));
    assertThat(names)
        .allMatch(name -> name.startsWith("civicline:{t:lakeside}:pin:fails:"))
        .contains(
            "civicline:{t:lakeside}:pin:fails:mailbox:clerk",
            "civicline:{t:lakeside}:pin:fails:caller:+12075550142",
            "civicline:{t:lakeside}:pin:fails:caller:unknown")
        .anyMatch(name -> name.startsWith("civicline:{t:lakeside}:pin:fails:caller:h-"))
        .hasSize(4);
    // Housekeeping lifetimes outlast the window.
    assertThat(
            send(Request.cmd(Command.PTTL).arg(PinGuard.mailboxFailuresKey(TENANT, "clerk")))
                .toLong())
        .isGreaterThan(Duration.ofMinutes(15).toMillis());
  }

  @Test
  void refusesBadIds() {
    assertThatThrownBy(() -> await(guard.check("Not A Tenant", "clerk", CALLER, PIN, hash, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(guard.check(TENANT, "a:b", CALLER, PIN, hash, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(guard.check(TENANT, null, CALLER, PIN, hash, T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Attempt attempt(String mailbox, String caller, String pin, Instant now) {
    return await(guard.check(TENANT, mailbox, caller, pin, hash, now));
  }

  private long zcard(String key) {
    return send(Request.cmd(Command.ZCARD).arg(key)).toLong();
  }

  private Response send(Request request) {
    return await(redis.send(request));
  }
}
