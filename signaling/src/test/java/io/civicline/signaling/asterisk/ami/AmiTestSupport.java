package io.civicline.signaling.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.config.Secret;
import io.civicline.testkit.asterisk.AmiPeer;
import io.civicline.testkit.asterisk.Direction;
import io.civicline.testkit.asterisk.Transcript;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared helpers of the AMI tests: awaiting futures, scripted ActionIDs, recorders, servers. */
final class AmiTestSupport {
  static final Duration WAIT = Duration.ofSeconds(10);

  private AmiTestSupport() {}

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The failure of {@code future} (which must fail within 10 s). */
  static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure, got success: " + future.result());
  }

  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      sleep(5);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The recorded client's IDs, in order; fails loudly when the test sends more actions. */
  static ActionIdGenerator ids(String... sequence) {
    Deque<String> left = new ArrayDeque<>(List.of(sequence));
    return action -> {
      synchronized (left) {
        String id = left.poll();
        if (id == null) {
          throw new IllegalStateException("no scripted ActionID left for " + action);
        }
        return id;
      }
    };
  }

  /** The same ID for every action of a name (a script that is replayed once per connection). */
  static ActionIdGenerator idsByAction(Map<String, String> idByAction) {
    return action -> {
      String id = idByAction.get(action);
      if (id == null) {
        throw new IllegalStateException("no scripted ActionID for " + action);
      }
      return id;
    };
  }

  /** Plaintext login as in the captures (uctest/uctest), given Events header, no pings. */
  static AmiClientOptions options(ActionIdGenerator ids, String eventMask) {
    return AmiClientOptions.defaults()
        .withLoginMethod(AmiLoginMethod.PLAINTEXT)
        .withEventMask(eventMask)
        .withActionIds(ids)
        .withPingInterval(Duration.ZERO)
        .withBackoff(failures -> Duration.ofMillis(10));
  }

  /** The capture's manager user (uctest/uctest), serving {@code lakeside}. */
  static AmiServer server(AmiPeer peer) {
    return serverWithSecret(peer, "uctest", List.of("lakeside"));
  }

  static AmiServer serverWithSecret(AmiPeer peer, String secret, List<String> tenants) {
    return new AmiServer("pbx1", peer.host(), peer.port(), "uctest", Secret.of(secret), tenants);
  }

  /** Records the back-off delays asked for, answering {@code delay}. */
  static final class RecordingBackoff implements BackoffPolicy {
    final List<Integer> failures = new CopyOnWriteArrayList<>();
    private final Duration delay;

    RecordingBackoff(Duration delay) {
      this.delay = delay;
    }

    @Override
    public Duration delay(int failureCount) {
      failures.add(failureCount);
      return delay;
    }
  }

  /** Records log-ins and disconnects (with their causes) of a client. */
  static final class ConnectionRecorder implements AmiConnectionListener {
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Throwable> causes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void loggedIn(AmiClient client) {
      log.add("in");
    }

    @Override
    public void disconnected(AmiClient client, Throwable cause) {
      log.add("out");
      causes.add(cause);
    }

    long logins() {
      return log.stream().filter("in"::equals).count();
    }

    long disconnects() {
      return log.stream().filter("out"::equals).count();
    }

    void awaitLogins(int n) {
      eventually(n + " logins (log " + log + ")", () -> logins() >= n);
    }

    void awaitDisconnects(int n) {
      eventually(n + " disconnects (log " + log + ")", () -> disconnects() >= n);
    }
  }

  /** Collects typed call events. */
  static final class CallEvents implements CallEventListener {
    final List<HangupEvent> hangups = new CopyOnWriteArrayList<>();
    final List<BridgeEnterEvent> bridgeEnters = new CopyOnWriteArrayList<>();

    @Override
    public void onHangup(HangupEvent event) {
      hangups.add(event);
    }

    @Override
    public void onBridgeEnter(BridgeEnterEvent event) {
      bridgeEnters.add(event);
    }
  }

  /** How often {@code marker} occurs in Asterisk's first {@code limit} bytes of a transcript. */
  static int countInAsterisk(Transcript t, String marker, int limit) {
    String text = new String(t.asteriskBytes(), 0, limit, java.nio.charset.StandardCharsets.UTF_8);
    int count = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      count++;
    }
    return count;
  }

  static void assertNoSecret(String text, String secret) {
    assertThat(text).doesNotContain(secret);
  }

  static int offsetAfter(Transcript t, String marker) {
    return t.offsetAfter(Direction.ASTERISK_TO_APP, marker);
  }
}
