package io.civicline.voicemail.pin;

import io.civicline.core.redis.Keys;
import io.civicline.core.redis.LuaScript;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.validation.Formats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a PIN entered by phone and locks out guessing.
 *
 * <p><b>Lockout.</b> {@value #MAX_FAILURES} wrong PINs within {@link #WINDOW} (15 minutes) for one
 * mailbox, or from one calling number across any of the tenant's mailboxes, lock that mailbox or
 * that number for a whole window from the failure that tripped it. The counters are sliding
 * windows: a Redis sorted set per mailbox and per calling number holding the failure times, so a
 * failure counts for exactly 15 minutes after it happened (no burst at a fixed window's edge). By
 * the time a lock ends every failure it counted has aged out, so the counters start afresh. While
 * locked, every attempt answers {@link Attempt#LOCKED} without the PIN being checked: the right PIN
 * is not told apart from a wrong one, by answer or by time, and locked attempts are not counted. A
 * right PIN (when nothing is locked) clears both counters. The attempt that trips the lock answers
 * LOCKED too.
 *
 * <p>All decisions take time from the {@code now} argument, never from Redis or the JVM clock;
 * Redis key lifetimes are only housekeeping and outlast the window.
 *
 * <p><b>Atomicity.</b> The lock check, the counting, the lock and its audit record happen in one
 * Lua script over keys of one tenant's hash-tag slot. The PBKDF2 comparison runs before it on a
 * worker thread ({@code vertx.executeBlocking}, unordered), never on an event loop.
 *
 * <p><b>Audit and notification.</b> When an attempt locks something, the script appends an entry to
 * the tenant's audit stream ({@link DocumentStore#auditKey(String)}), action {@code pin-lockout},
 * resource {@code mailboxes/<mailbox>}, actor {@link #ACTOR}, {@code before} null and {@code after}
 * {@code {mailbox, callerNumber, lockedBy: ["mailbox"|"caller"...], lockedUntil, failures:
 * {mailbox, caller}}}; never the PIN. Then the {@link LockoutListener} is told, once.
 *
 * <p><b>Redis keys</b>, all {@code civicline:{t:<tenant>}:pin:...}: {@code fails:mailbox:<id>} and
 * {@code fails:caller:<number>} (sorted sets, score = failure time in epoch ms), {@code
 * lock:mailbox:<id>} and {@code lock:caller:<number>} (strings: locked until, epoch ms). A calling
 * number that is not {@code +} and digits (withheld, "anonymous", a SIP URI) is keyed by a hash of
 * what the call reported, and a missing one as {@code unknown}: all callers without a number share
 * one counter, which errs towards locking.
 */
public final class PinGuard {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Actor ACTOR = new Actor("system:pin-guard", "PIN guard");

  private static final Logger LOG = LoggerFactory.getLogger(PinGuard.class);
  private static final LuaScript SCRIPT = LuaScript.resource(PinGuard.class, "pin-attempt.lua");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
  private static final long KEY_SLACK_MILLIS = Duration.ofMinutes(5).toMillis();

  private final Vertx vertx;
  private final Redis redis;
  private final PinHasher hasher;
  private final LockoutListener listener;
  private final SecureRandom random = new SecureRandom();

  public PinGuard(Vertx vertx, Redis redis, PinHasher hasher, LockoutListener listener) {
    this.vertx = vertx;
    this.redis = redis;
    this.hasher = hasher;
    this.listener = listener;
  }

  /**
   * One attempt to open {@code mailbox} with {@code pin}, called from {@code callerNumber}.
   *
   * @param storedHash the mailbox's {@link PinHasher} hash; null or malformed (no PIN set) never
   *     matches, and takes as long to refuse as a real hash
   * @param now the time of the attempt; all window and lock arithmetic uses it
   * @return the answer; fails with {@link IllegalArgumentException} for a bad tenant or mailbox id,
   *     or with the Redis error
   */
  public Future<Attempt> check(
      String tenant,
      String mailbox,
      String callerNumber,
      String pin,
      String storedHash,
      Instant now) {
    Call call;
    try {
      call = new Call(tenant, mailbox, callerNumber, now);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return run(call, "peek")
        .compose(
            peek -> {
              if (peek.locked()) {
                return Future.succeededFuture(Attempt.LOCKED);
              }
              return vertx
                  .executeBlocking(() -> hasher.verify(pin, storedHash), false)
                  .compose(right -> run(call, right ? "ok" : "fail"))
                  .map(outcome -> answer(call, outcome));
            });
  }

  /** The failure counter of a mailbox (a sorted set of failure times in epoch ms). */
  public static String mailboxFailuresKey(String tenant, String mailbox) {
    return Keys.tenant(tenant, "pin", "fails", "mailbox", mailboxPart(mailbox));
  }

  /** The failure counter of a calling number across all the tenant's mailboxes. */
  public static String callerFailuresKey(String tenant, String callerNumber) {
    return Keys.tenant(tenant, "pin", "fails", "caller", callerPart(callerNumber));
  }

  /** A mailbox's lock: a string holding the end of the lock in epoch ms, absent when unlocked. */
  public static String mailboxLockKey(String tenant, String mailbox) {
    return Keys.tenant(tenant, "pin", "lock", "mailbox", mailboxPart(mailbox));
  }

  /** A calling number's lock, as {@link #mailboxLockKey(String, String)}. */
  public static String callerLockKey(String tenant, String callerNumber) {
    return Keys.tenant(tenant, "pin", "lock", "caller", callerPart(callerNumber));
  }

  private Attempt answer(Call call, Outcome outcome) {
    if (outcome.transitioned()) {
      Lockout lockout =
          new Lockout(
              call.tenant,
              call.mailbox,
              call.callerNumber,
              call.now,
              call.until(),
              outcome.scopes());
      try {
        listener.onLockout(lockout);
      } catch (RuntimeException e) {
        LOG.error(
            "lockout listener failed for mailbox {} of tenant {}", call.mailbox, call.tenant, e);
      }
    }
    return switch (outcome.status()) {
      case "accepted" -> Attempt.ACCEPTED;
      case "rejected" -> Attempt.REJECTED;
      case "locked" -> Attempt.LOCKED;
      default -> throw new IllegalStateException("unexpected PIN outcome " + outcome.status());
    };
  }

  private Future<Outcome> run(Call call, String mode) {
    byte[] id = new byte[12];
    random.nextBytes(id);
    List<String> keys =
        List.of(
            mailboxFailuresKey(call.tenant, call.mailbox),
            callerFailuresKey(call.tenant, call.callerNumber),
            mailboxLockKey(call.tenant, call.mailbox),
            callerLockKey(call.tenant, call.callerNumber),
            DocumentStore.auditKey(call.tenant));
    List<String> args =
        List.of(
            mode,
            Long.toString(call.now.toEpochMilli()),
            Long.toString(WINDOW.toMillis()),
            Integer.toString(MAX_FAILURES),
            HexFormat.of().formatHex(id),
            Long.toString(KEY_SLACK_MILLIS),
            call.now.toString(),
            ACTOR.toJson().encode(),
            "mailboxes/" + call.mailbox,
            call.mailbox,
            call.callerNumber,
            call.until().toString());
    return SCRIPT.run(redis, keys, args).map(PinGuard::outcome);
  }

  private static Outcome outcome(Response response) {
    String status = response.get(0).toString();
    boolean transitioned = response.get(1).toInteger() == 1;
    Set<Lockout.Scope> scopes = EnumSet.noneOf(Lockout.Scope.class);
    for (String scope : response.get(2).toString().split(",")) {
      switch (scope) {
        case "mailbox" -> scopes.add(Lockout.Scope.MAILBOX);
        case "caller" -> scopes.add(Lockout.Scope.CALLER);
        default -> {}
      }
    }
    return new Outcome(status, transitioned, scopes);
  }

  private record Outcome(String status, boolean transitioned, Set<Lockout.Scope> scopes) {
    boolean locked() {
      return "locked".equals(status);
    }
  }

  /** The validated arguments of one attempt. */
  private static final class Call {
    final String tenant;
    final String mailbox;
    final String callerNumber;
    final Instant now;

    Call(String tenant, String mailbox, String callerNumber, Instant now) {
      if (tenant == null || now == null) {
        throw new IllegalArgumentException("no tenant or no time given");
      }
      mailboxFailuresKey(tenant, mailbox); // validates both
      this.tenant = tenant;
      this.mailbox = mailbox;
      this.callerNumber = callerNumber == null ? "" : callerNumber;
      this.now = now;
    }

    Instant until() {
      return now.plus(WINDOW);
    }
  }

  private static String mailboxPart(String mailbox) {
    if (mailbox == null || Formats.slug(mailbox) != null) {
      throw new IllegalArgumentException("not a mailbox id: " + mailbox);
    }
    return mailbox;
  }

  private static String callerPart(String callerNumber) {
    if (callerNumber == null || callerNumber.isBlank()) {
      return "unknown";
    }
    if (PLAIN_NUMBER.matcher(callerNumber).matches()) {
      return callerNumber;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(callerNumber.getBytes(StandardCharsets.UTF_8));
      return "h-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
