package io.civicline.signaling.asterisk.calls;

import io.civicline.core.redis.Keys;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.CallState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Callers waiting in a department's queue on Asterisk, in join order, in Redis (any node sees the
 * same line). A queued call hears hold music for a while, then the engine gets a {@link
 * CallEvent.QueueWait} tick with the caller's place and wait, as Twilio's wait URL gives it.
 */
final class AgiQueues {
  private final Redis redis;
  private final AsteriskSettings settings;
  private final Clock clock;

  AgiQueues(Redis redis, AsteriskSettings settings, Clock clock) {
    this.redis = redis;
    this.settings = settings;
    this.clock = clock;
  }

  static String key(String tenant, String queue) {
    return Keys.tenant(tenant, "asterisk-queue", queue);
  }

  void join(String tenant, String queue, String callId, Instant since) throws IOException {
    Blocking.await(
        redis.send(
            Request.cmd(Command.ZADD)
                .arg(key(tenant, queue))
                .arg("NX")
                .arg(since.toEpochMilli())
                .arg(callId)));
  }

  void leave(String tenant, String queue, String callId) throws IOException {
    Blocking.await(redis.send(Request.cmd(Command.ZREM).arg(key(tenant, queue)).arg(callId)));
  }

  /** Hold music for one tick, then where the caller stands. */
  CallEvent.QueueWait tick(
      AgiLine line, String tenant, String queue, String callId, CallState state)
      throws IOException {
    hold(line);
    Object rank =
        Blocking.await(redis.send(Request.cmd(Command.ZRANK).arg(key(tenant, queue)).arg(callId)));
    int position = rank == null ? 1 : Integer.parseInt(rank.toString()) + 1;
    int waited = (int) state.queueWaitSeconds(clock.instant());
    return new CallEvent.QueueWait(position, waited, 0);
  }

  private void hold(AgiLine line) throws IOException {
    io.civicline.signaling.asterisk.agi.AgiReply reply =
        line.exec("MusicOnHold", "," + settings.holdSeconds());
    if (reply.resultInt().orElse(0) == -1 || line.hungUp()) {
      throw new io.civicline.signaling.asterisk.agi.ChannelHungUpException(
          "caller hung up while on hold", reply);
    }
  }
}
