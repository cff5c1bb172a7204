package io.civicline.signaling.asterisk.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link AmiClient} per configured Asterisk server, each with its {@link DeviceStateSync}.
 *
 * <p>A tenant may be listed under one server only: a resync replaces the tenant's whole device set,
 * so a second server of the same tenant would wipe the first one's phones on every reconnect.
 * Within a server, endpoint names must be unique across its tenants (see {@link AmiServer}).
 */
public final class AmiConnections {
  private final Map<String, AmiClient> clients = new LinkedHashMap<>();

  public AmiConnections(
      Vertx vertx, List<AmiServer> servers, DeviceStates deviceStates, AmiClientOptions options) {
    Map<String, String> serverOfTenant = new HashMap<>();
    for (AmiServer server : servers) {
      if (clients.containsKey(server.name())) {
        throw new IllegalArgumentException("two AMI servers named " + server.name());
      }
      for (String tenant : server.tenants()) {
        String other = serverOfTenant.putIfAbsent(tenant, server.name());
        if (other != null) {
          throw new IllegalArgumentException(
              "tenant "
                  + tenant
                  + " is listed under AMI servers "
                  + other
                  + " and "
                  + server.name()
                  + "; a tenant's phones must all be on one server");
        }
      }
      AmiClient client = new AmiClient(vertx, server, options);
      DeviceStateSync.attach(client, deviceStates);
      clients.put(server.name(), client);
    }
  }

  /** Starts every client (each connects in the background; see {@link AmiClient#start()}). */
  public Future<Void> start() {
    List<Future<Void>> started = new ArrayList<>();
    clients.values().forEach(c -> started.add(c.start()));
    return Future.all(started).mapEmpty();
  }

  /** Closes the clients one after another, in reverse order of configuration. */
  public Future<Void> close() {
    List<AmiClient> reversed = new ArrayList<>(clients.values());
    Collections.reverse(reversed);
    Future<Void> chain = Future.succeededFuture();
    for (AmiClient client : reversed) {
      chain = chain.transform(ignored -> client.close());
    }
    return chain;
  }

  public Optional<AmiClient> client(String serverName) {
    return Optional.ofNullable(clients.get(serverName));
  }

  /** In configuration order. */
  public List<AmiClient> clients() {
    return List.copyOf(clients.values());
  }

  /** The client of the server that serves {@code tenant}, if any. */
  public Optional<AmiClient> clientForTenant(String tenant) {
    return clients.values().stream().filter(c -> c.server().tenants().contains(tenant)).findFirst();
  }

  /** Registers {@code listener} with every client. */
  public void addCallEventListener(CallEventListener listener) {
    clients.values().forEach(c -> c.addCallEventListener(listener));
  }
}
