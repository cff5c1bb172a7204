package io.civicline.ops.seed;

import io.civicline.core.redis.Keys;
import io.civicline.core.store.Actor;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.Kind;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.Scope;
import io.civicline.ops.directory.TenantRoutes;
import io.civicline.ops.flows.FlowRequest;
import io.civicline.ops.flows.FlowService;
import io.civicline.ops.presence.PresenceService;
import io.civicline.routing.flow.FlowDocuments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the fictional Lakeside Township on a deployment's first demo start, through the same
 * validation and audit as the API. A marker in Redis records that it was seeded, so later starts
 * leave it alone even if an admin changed or deleted it. Each step skips what already exists, so a
 * seed interrupted half-way completes on the next start.
 */
public final class DemoTownship {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTownship.class);
  static final Actor ACTOR = new Actor("system:demo-seed", "CivicLine demo seed");
  private static final String RESOURCE = "/seed/lakeside-township.json";

  private final DirectoryService directory;
  private final TenantRoutes tenants;
  private final Kinds kinds;
  private final FlowService flows;
  private final PresenceService presence;
  private final Redis redis;

  public DemoTownship(
      DirectoryService directory,
      TenantRoutes tenants,
      Kinds kinds,
      FlowService flows,
      PresenceService presence,
      Redis redis) {
    this.directory = directory;
    this.tenants = tenants;
    this.kinds = kinds;
    this.flows = flows;
    this.presence = presence;
    this.redis = redis;
  }

  static String markerKey() {
    return Keys.platform("demo-seeded");
  }

  /** Seeds unless already done; answers whether it seeded now. */
  public Future<Boolean> seedOnce() {
    return redis
        .send(Request.cmd(Command.EXISTS).arg(markerKey()))
        .compose(
            exists -> exists.toInteger() == 1 ? Future.succeededFuture(false) : seed().map(true));
  }

  private Future<Void> seed() {
    JsonObject data = data();
    JsonObject tenant = data.getJsonObject("tenant");
    Scope scope = Scope.tenant(tenant.getString("id"));
    return tenants
        .create(tenant, ACTOR)
        .<Void>mapEmpty()
        .recover(Bootstrap::ignoreAlreadyExists)
        .compose(v -> createAll(scope, kinds.calendars, data.getJsonArray("holidayCalendars")))
        .compose(v -> useTownCalendar(scope, tenant, data.getString("townCalendar")))
        .compose(v -> createAll(scope, kinds.departments, data.getJsonArray("departments")))
        .compose(v -> createAll(scope, kinds.staff, data.getJsonArray("staff")))
        .compose(v -> makeAvailable(scope, data.getJsonArray("available")))
        .compose(v -> publishAll(scope, data.getJsonArray("flows")))
        .compose(v -> createAll(scope, kinds.numbers, data.getJsonArray("numbers")))
        .compose(v -> redis.send(Request.cmd(Command.SET).arg(markerKey()).arg(scope.id())))
        .onSuccess(
            v -> LOG.atInfo().addKeyValue("tenant", scope.id()).log("seeded the demo township"))
        .mapEmpty();
  }

  private Future<Void> useTownCalendar(Scope scope, JsonObject tenant, String calendar) {
    return directory
        .get(scope, kinds.tenant, scope.id())
        .compose(
            stored -> {
              var current = stored.orElseThrow();
              if (current.body().containsKey("holidayCalendar")) {
                return Future.succeededFuture();
              }
              JsonObject withCalendar = current.body().copy().put("holidayCalendar", calendar);
              return directory
                  .replace(scope, kinds.tenant, scope.id(), withCalendar, current.version(), ACTOR)
                  .mapEmpty();
            });
  }

  /** Creates the objects one after the other (staff refer to departments created before). */
  private Future<Void> createAll(Scope scope, Kind<?> kind, JsonArray items) {
    Future<Void> chain = Future.succeededFuture();
    for (Object item : items) {
      JsonObject body = (JsonObject) item;
      chain = chain.compose(v -> createIfAbsent(scope, kind, body));
    }
    return chain;
  }

  private <T extends io.civicline.core.directory.DirectoryObject> Future<Void> createIfAbsent(
      Scope scope, Kind<T> kind, JsonObject body) {
    return directory
        .get(scope, kind, body.getString("id"))
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture()
                    : directory.create(scope, kind, body, ACTOR).mapEmpty());
  }

  private Future<Void> makeAvailable(Scope scope, JsonArray staffIds) {
    Future<Void> chain = Future.succeededFuture();
    for (Object id : staffIds) {
      JsonObject status = new JsonObject().put("status", "available");
      chain = chain.compose(v -> presence.set(scope, (String) id, status, ACTOR).mapEmpty());
    }
    return chain;
  }

  /** Creates each flow unless it exists, and publishes it unless a version is published. */
  private Future<Void> publishAll(Scope scope, JsonArray list) {
    Future<Void> chain = Future.succeededFuture();
    for (Object item : list) {
      JsonObject flow = (JsonObject) item;
      String id = flow.getString("id");
      chain =
          chain
              .compose(v -> flows.list(scope, null, 200))
              .compose(
                  page ->
                      page.items().stream().anyMatch(s -> s.id().equals(id))
                          ? flows.get(scope, id)
                          : flows.create(
                              scope,
                              FlowRequest.of(
                                  id, FlowDocuments.parse(text(flow.getString("resource")))),
                              ACTOR))
              .compose(
                  stored ->
                      stored.body().getInteger("publishedVersion") != null
                          ? Future.succeededFuture()
                          : flows
                              .publish(scope, id, stored.body().getInteger("latestVersion"), ACTOR)
                              .mapEmpty());
    }
    return chain;
  }

  private static String text(String resource) {
    try (InputStream in = DemoTownship.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject data() {
    try (InputStream in = DemoTownship.class.getResourceAsStream(RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> staffIds() {
    return data().getJsonArray("staff").stream()
        .map(o -> ((JsonObject) o).getString("id"))
        .toList();
  }
}
