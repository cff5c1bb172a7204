package io.civicline.mobileapi.push;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one device's pushes one after another, in the order they were asked for. The notifications
 * about one call replace each other on the phone (same tag, same collapse id), so "Missed call"
 * must not overtake "Incoming call": sent at once over two connections it sometimes did, and the
 * phone then showed a ringing call that was over. Devices do not wait for each other.
 */
public final class OrderedPushSender implements PushSender, AutoCloseable {
  private final PushSender sender;

  /** Each device's latest push, done or not; removed once that push is done. */
  private final ConcurrentHashMap<String, Future<PushOutcome>> latest = new ConcurrentHashMap<>();

  public OrderedPushSender(PushSender sender) {
    this.sender = sender;
  }

  @Override
  public Platform platform() {
    return sender.platform();
  }

  @Override
  public Future<PushOutcome> send(Device device, PushMessage message) {
    Promise<PushOutcome> mine = Promise.promise();
    Future<PushOutcome> before = latest.put(device.id(), mine.future());
    Future<?> turn = before == null ? Future.succeededFuture() : before;
    // whatever became of the one before (sent, refused), this one goes next
    turn.onComplete(ignored -> sender.send(device, message).onComplete(mine));
    mine.future().onComplete(done -> latest.remove(device.id(), mine.future()));
    return mine.future();
  }

  /** Devices with a push in flight or waiting (for tests). */
  int waiting() {
    return latest.size();
  }

  @Override
  public void close() throws Exception {
    if (sender instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
