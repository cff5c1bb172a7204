package io.civicline.mobileapi.push;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.core.store.DocumentStore;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staff events, then pushes those that need a person ({@link PushMessages}) to each
 * audience member who has no live socket on any node, on every device they registered. Devices the
 * push service calls gone are pruned. Best effort: the publish answers as soon as the event is in
 * the log, and no push failure ever fails it.
 */
public final class PushFanout implements StaffEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PushFanout.class);

  /** What one event's pushes came to. */
  public record Report(int offline, int delivered, int pruned, int failed) {
    static final Report NONE = new Report(0, 0, 0, 0);

    Report plus(Report other) {
      return new Report(
          offline + other.offline,
          delivered + other.delivered,
          pruned + other.pruned,
          failed + other.failed);
    }
  }

  private final StaffEvents log;
  private final StaffAudience audience;
  private final LiveSockets sockets;
  private final DeviceRegistry devices;
  private final Map<Platform, PushSender> senders = new EnumMap<>(Platform.class);

  /**
   * @param log where events are published first (the town's event log)
   * @param senders one per platform that is configured; devices of other platforms are skipped
   */
  public PushFanout(
      StaffEvents log,
      DocumentStore store,
      LiveSockets sockets,
      DeviceRegistry devices,
      List<PushSender> senders) {
    this.log = log;
    this.audience = new StaffAudience(store);
    this.sockets = sockets;
    this.devices = devices;
    senders.forEach(sender -> this.senders.put(sender.platform(), sender));
  }

  @Override
  public Future<String> publish(String tenant, StaffEvent event) {
    return log.publish(tenant, event)
        .onSuccess(
            sequence ->
                push(tenant, event)
                    .onFailure(
                        failure ->
                            LOG.atWarn()
                                .addKeyValue("tenant", tenant)
                                .addKeyValue("type", event.type())
                                .setCause(failure)
                                .log("push notifications for a staff event failed")));
  }

  /** Pushes the event to its offline audience (without publishing it); answers what happened. */
  public Future<Report> push(String tenant, StaffEvent event) {
    Optional<PushMessage> message = PushMessages.forEvent(event);
    if (message.isEmpty()) {
      return Future.succeededFuture(Report.NONE);
    }
    return audience
        .resolve(tenant, event.audience())
        .compose(
            staff ->
                Future.all(staff.stream().map(id -> pushTo(tenant, id, message.get())).toList()))
        .map(all -> all.<Report>list().stream().reduce(Report.NONE, Report::plus));
  }

  private Future<Report> pushTo(String tenant, String staffId, PushMessage message) {
    return sockets
        .hasLiveSocket(tenant, staffId)
        .compose(
            live -> {
              if (live) {
                return Future.succeededFuture(Report.NONE); // the app shows it already
              }
              return devices
                  .list(tenant, staffId)
                  .compose(
                      list ->
                          Future.all(
                              list.stream()
                                  .map(device -> pushToDevice(tenant, staffId, device, message))
                                  .toList()))
                  .map(
                      all ->
                          all.<Report>list().stream().reduce(new Report(1, 0, 0, 0), Report::plus));
            });
  }

  private Future<Report> pushToDevice(
      String tenant, String staffId, Device device, PushMessage message) {
    PushSender sender = senders.get(device.platform());
    if (sender == null) {
      return Future.succeededFuture(new Report(0, 0, 0, 1));
    }
    return sender
        .send(device, message)
        .recover(
            failure ->
                Future.succeededFuture(
                    PushOutcome.failed(true, failure.getClass().getSimpleName())))
        .compose(
            outcome ->
                switch (outcome.status()) {
                  case DELIVERED -> Future.succeededFuture(new Report(0, 1, 0, 0));
                  case UNREGISTERED ->
                      devices.prune(tenant, staffId, device).map(pruned -> new Report(0, 0, 1, 0));
                  case FAILED -> {
                    LOG.atWarn()
                        .addKeyValue("tenant", tenant)
                        .addKeyValue("staffId", staffId)
                        .addKeyValue("device", device.id())
                        .addKeyValue("retryable", outcome.retryable())
                        .addKeyValue("reason", outcome.reason())
                        .log("push not delivered");
                    yield Future.succeededFuture(new Report(0, 0, 0, 1));
                  }
                });
  }
}
