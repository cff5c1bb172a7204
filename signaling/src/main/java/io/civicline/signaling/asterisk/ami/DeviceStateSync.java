package io.civicline.signaling.asterisk.ami;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one Asterisk server's endpoint device states into {@link DeviceStates} for each of the
 * server's tenants. On every login it resyncs ({@code DeviceStateList}: Asterisk does not replay
 * the changes missed while disconnected) and replaces the stored set, so phones removed meanwhile
 * vanish; between resyncs every live {@code DeviceStateChange} is written as it comes.
 *
 * <p>Only endpoint devices ({@code PJSIP/101}, {@code SIP/...}, {@code IAX2/...}) are kept: {@code
 * MWI:...}, {@code Queue:...}, {@code Custom:...} and {@code Local/...} are not desk phones.
 *
 * <p>Redis writes run one after another in event order (a later state is never overwritten by an
 * earlier one that finished late). Live changes that arrive while a resync list is being collected
 * are applied on top of the list, as they happened after the list was requested. A failed write is
 * logged; the next resync repairs it.
 *
 * <p>While logged in, this node vouches for the states ({@link DeviceStates#linkUp}, renewed every
 * {@link #RENEW}, lasting {@link #LINK_LASTS}); when the connection drops it stops, so that with
 * every node's link down the states read as unknown rather than stale. A node that stops without a
 * drop (shut down) stops counting when its last renewal lapses.
 */
public final class DeviceStateSync {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceStateSync.class);
  private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9_]+/[^/]+");

  static final Duration RENEW = Duration.ofSeconds(10);
  static final Duration LINK_LASTS = Duration.ofSeconds(30);

  private final AmiClient client;
  private final DeviceStates store;
  private final List<String> tenants;

  /** This node's link to this server, as {@link DeviceStates} names it. */
  private final String node;

  private long renewal = -1;
  // Confined to the client's context (events, login callbacks and future completions run there).
  private Future<Void> lastWrite = Future.succeededFuture();
  private Map<String, String> changedDuringResync;

  DeviceStateSync(AmiClient client, DeviceStates store) {
    this.client = Objects.requireNonNull(client, "client");
    this.store = Objects.requireNonNull(store, "store");
    this.tenants = client.server().tenants();
    this.node = client.server().name() + "@" + java.util.UUID.randomUUID();
  }

  /** Resyncs on every login of {@code client} and writes its live changes from now on. */
  public static DeviceStateSync attach(AmiClient client, DeviceStates store) {
    DeviceStateSync sync = new DeviceStateSync(client, store);
    client.addEventListener(sync::onEvent);
    client.addConnectionListener(
        new AmiConnectionListener() {
          @Override
          public void loggedIn(AmiClient c) {
            sync.resync();
          }

          @Override
          public void disconnected(AmiClient c, Throwable cause) {
            sync.linkDown();
          }
        });
    return sync;
  }

  /** True for endpoint devices (technology/resource), the only ones stored. */
  static boolean isEndpoint(String device) {
    return device != null
        && ENDPOINT.matcher(device).matches()
        && !device.regionMatches(true, 0, "Local/", 0, 6);
  }

  /**
   * Asks Asterisk for every device state and replaces the stored set of each tenant. Completes when
   * the new set is written.
   */
  public Future<Void> resync() {
    return client.onContext(this::resyncOnContext);
  }

  private Future<Void> resyncOnContext() {
    Map<String, String> liveChanges = new LinkedHashMap<>();
    changedDuringResync = liveChanges;
    return client
        .sendList(AmiAction.of("DeviceStateList"))
        .compose(
            list -> {
              if (changedDuringResync == liveChanges) {
                changedDuringResync = null;
              }
              Map<String, String> states = new LinkedHashMap<>();
              for (AmiMessage item : list.items()) {
                String device = item.get("Device");
                if (isEndpoint(device) && item.get("State") != null) {
                  states.put(device, item.get("State"));
                }
              }
              states.putAll(liveChanges);
              LOG.atInfo()
                  .addKeyValue("server", client.server().name())
                  .addKeyValue("devices", states.size())
                  .log("ami device states resynced");
              return write(
                      tenant ->
                          store
                              .replaceAll(tenant, states)
                              .compose(v -> store.linkUp(tenant, node, LINK_LASTS)))
                  .onSuccess(v -> renewWhileLoggedIn());
            })
        .onFailure(
            e -> {
              if (changedDuringResync == liveChanges) {
                changedDuringResync = null;
              }
              LOG.atWarn()
                  .addKeyValue("server", client.server().name())
                  .addKeyValue("reason", e.toString())
                  .log("ami device state resync failed");
            });
  }

  private void renewWhileLoggedIn() {
    if (renewal >= 0) {
      return;
    }
    renewal =
        client
            .vertx()
            .setPeriodic(
                RENEW.toMillis(),
                id -> {
                  if (client.isLoggedIn()) {
                    write(tenant -> store.linkUp(tenant, node, LINK_LASTS));
                  }
                });
  }

  /** On the client's context: the connection dropped. */
  void linkDown() {
    if (renewal >= 0) {
      client.vertx().cancelTimer(renewal);
      renewal = -1;
    }
    write(tenant -> store.linkDown(tenant, node));
  }

  void onEvent(AmiMessage event) {
    if (!event.isEvent("DeviceStateChange")) {
      return;
    }
    String device = event.get("Device");
    String state = event.get("State");
    if (!isEndpoint(device) || state == null) {
      return;
    }
    if (changedDuringResync != null) {
      changedDuringResync.put(device, state);
    }
    write(tenant -> store.put(tenant, device, state));
  }

  /** Queues one write per tenant behind every earlier write. */
  private Future<Void> write(java.util.function.Function<String, Future<Void>> perTenant) {
    Future<Void> next =
        lastWrite
            .recover(ignored -> Future.succeededFuture())
            .compose(
                ignored -> {
                  List<Future<Void>> writes = new ArrayList<>();
                  for (String tenant : tenants) {
                    writes.add(perTenant.apply(tenant));
                  }
                  return Future.all(writes).<Void>mapEmpty();
                });
    next.onFailure(
        e ->
            LOG.atWarn()
                .addKeyValue("server", client.server().name())
                .addKeyValue("reason", e.toString())
                .log("device state write to redis failed"));
    lastWrite = next;
    return next;
  }
}
