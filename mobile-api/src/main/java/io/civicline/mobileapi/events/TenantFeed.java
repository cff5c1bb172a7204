package io.civicline.mobileapi.events;

import io.civicline.core.events.StaffEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one town's event stream for this node's listeners with a blocking XREAD on a connection
 * of its own, and hands each event to every listener in order. Runs on one Vert.x context (the
 * hub's), so its state needs no locks. Stops, and frees its connection, when the last listener
 * leaves.
 */
final class TenantFeed {
  private static final Logger LOG = LoggerFactory.getLogger(TenantFeed.class);
  static final int BLOCK_MILLIS = 1000;
  static final int PAGE = 500;
  private static final long RETRY_MILLIS = 500;

  private final String tenant;
  private final Redis redis;
  private final StaffEventLog log;
  private final Consumer<TenantFeed> onIdle;
  private final Set<Member> members = new LinkedHashSet<>();
  private Future<Void> started;
  private String lastRead = "0-0";
  private RedisConnection connection;
  private boolean stopped;

  TenantFeed(String tenant, Redis redis, StaffEventLog log, Consumer<TenantFeed> onIdle) {
    this.tenant = tenant;
    this.redis = redis;
    this.log = log;
    this.onIdle = onIdle;
  }

  String tenant() {
    return tenant;
  }

  /** Listeners that are fully subscribed (live), not those still starting or catching up. */
  int size() {
    return (int) members.stream().filter(member -> member.live).count();
  }

  Future<Member> add(LiveEvents.Listener listener, Optional<String> since) {
    Member member = new Member(listener);
    members.add(member);
    return start()
        .compose(v -> since.isPresent() ? catchUp(member, since.get()) : goLive(member, lastRead))
        .map(member)
        .onFailure(failure -> remove(member));
  }

  void remove(Member member) {
    members.remove(member);
    if (members.isEmpty()) {
      stop();
      onIdle.accept(this);
    }
  }

  void stop() {
    stopped = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  /** The first listener starts reading after the newest event; later ones join that read. */
  private Future<Void> start() {
    if (started == null) {
      started =
          log.newest(tenant)
              .compose(
                  newest -> {
                    lastRead = newest.orElse("0-0");
                    return redis.connect();
                  })
              .map(
                  conn -> {
                    connection = conn;
                    read();
                    return null;
                  });
    }
    return started;
  }

  private Future<Void> goLive(Member member, String after) {
    member.live(after);
    return Future.succeededFuture();
  }

  /** Replays what the listener missed, then the events that arrived meanwhile, then live. */
  private Future<Void> catchUp(Member member, String since) {
    member.resumeAfter(since);
    return log.oldest(tenant)
        .compose(
            oldest -> {
              if (oldest.isPresent() && Sequences.compare(oldest.get(), since) > 0) {
                member.listener.gap();
              }
              return replay(member, since);
            })
        .map(
            replayed -> {
              member.flush();
              return null;
            });
  }

  private Future<String> replay(Member member, String after) {
    return log.after(tenant, after, PAGE)
        .compose(
            page -> {
              page.forEach(entry -> member.offerReplayed(entry.sequence(), entry.event()));
              return page.size() < PAGE
                  ? Future.succeededFuture(after)
                  : replay(member, page.get(page.size() - 1).sequence());
            });
  }

  private void read() {
    if (stopped || connection == null) {
      return;
    }
    connection
        .send(
            Request.cmd(Command.XREAD)
                .arg("COUNT")
                .arg(PAGE)
                .arg("BLOCK")
                .arg(BLOCK_MILLIS)
                .arg("STREAMS")
                .arg(StaffEventLog.key(tenant))
                .arg(lastRead))
        .onSuccess(
            response -> {
              if (response != null) {
                for (StaffEventLog.Entry entry : StaffEventLog.entries(streamOf(response))) {
                  lastRead = entry.sequence();
                  List.copyOf(members).forEach(m -> m.offerLive(entry.sequence(), entry.event()));
                }
              }
              read();
            })
        .onFailure(
            failure -> {
              if (stopped) {
                return;
              }
              LOG.atWarn()
                  .addKeyValue("tenant", tenant)
                  .setCause(failure)
                  .log("staff event feed lost its connection; reconnecting");
              reconnect();
            });
  }

  /** XREAD answers [[key, entries]] over RESP2 and {key: entries} over RESP3. */
  private static io.vertx.redis.client.Response streamOf(io.vertx.redis.client.Response xread) {
    return xread.isMap() ? xread.get(xread.getKeys().iterator().next()) : xread.get(0).get(1);
  }

  private void reconnect() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    io.vertx.core.Vertx.currentContext()
        .owner()
        .setTimer(
            RETRY_MILLIS,
            id ->
                redis
                    .connect()
                    .onSuccess(
                        conn -> {
                          if (stopped) {
                            conn.close();
                            return;
                          }
                          connection = conn;
                          read();
                        })
                    .onFailure(f -> reconnect()));
  }

  /** A listener with the last sequence it was given; it never gets one twice or out of order. */
  static final class Member {
    final LiveEvents.Listener listener;
    private String delivered;
    private boolean live;
    private final List<StaffEventLog.Entry> waiting = new ArrayList<>();

    Member(LiveEvents.Listener listener) {
      this.listener = listener;
    }

    /** Buffers live events until the replay of what was missed is done. */
    void resumeAfter(String since) {
      delivered = since;
      live = false;
    }

    void live(String after) {
      delivered = after;
      live = true;
    }

    void offerLive(String sequence, StaffEvent event) {
      if (live) {
        deliver(sequence, event);
      } else {
        waiting.add(new StaffEventLog.Entry(sequence, event));
      }
    }

    void offerReplayed(String sequence, StaffEvent event) {
      deliver(sequence, event);
    }

    void flush() {
      waiting.forEach(e -> deliver(e.sequence(), e.event()));
      waiting.clear();
      live = true;
    }

    private void deliver(String sequence, StaffEvent event) {
      if (delivered != null && Sequences.compare(sequence, delivered) <= 0) {
        return;
      }
      delivered = sequence;
      if (event.audience().includes(listener.staffId(), listener.departments())) {
        listener.deliver(sequence, event);
      }
    }
  }
}
