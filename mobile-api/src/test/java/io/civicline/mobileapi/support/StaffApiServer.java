package io.civicline.mobileapi.support;

import static io.civicline.core.testing.RedisTestBed.await;

import io.civicline.core.config.Secret;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.mobileapi.StaffApi;
import io.civicline.mobileapi.auth.Argon2Parameters;
import io.civicline.mobileapi.auth.StaffAuthSettings;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The staff API on a real HTTP server (port 0) over the run's real Redis, with two towns that each
 * have a staff member "ann" (same id, same email) and a test clock.
 */
public final class StaffApiServer implements AutoCloseable {
  /** A test key: 32 bytes and more. */
  public static final String SIGNING_KEY = "test-signing-key-0123456789abcdef-XYZ";

  /** Cheap parameters for speed; the hasher's own test uses the real ones. */
  public static final Argon2Parameters FAST = new Argon2Parameters(2048, 1, 1);

  public final RedisTestBed bed;
  public final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  public final DocumentStore store;
  public final StaffApi api;
  public final Router router;
  public final StaffAuthSettings settings;
  private final HttpServer server;
  private int nextExtension = 21;
  public final Http http;

  /** The texting inbox the staff text routes read and write. */
  public final MemoryTextInbox texts = new MemoryTextInbox();

  /** Calls a member may place in an hour here: the fourth is refused. */
  public static final int CALLS_PER_HOUR = 3;

  /** The voice channel click-to-call and voice tokens go to. */
  public final RecordingCalls calls = new RecordingCalls();

  /** The inbox's voicemail (with audio) and text threads. */
  public final MemoryInboxSource voicemail = new MemoryInboxSource("voicemail");

  public final MemoryInboxSource threads = new MemoryInboxSource("text-thread");

  /** The town's event log (a Redis stream per town) that the routes publish to. */
  public final io.civicline.mobileapi.events.StaffEventLog events;

  /** The call records the staff call history reads. */
  public final MemoryCallHistory callHistory = new MemoryCallHistory();

  private StaffApiServer(
      RedisServer redis, StaffAuthSettings settings, BiConsumer<StaffApi, Router> more) {
    this.bed = RedisTestBed.open(redis);
    this.settings = settings;
    this.store = new DocumentStore(bed.redis(), clock);
    this.events = new io.civicline.mobileapi.events.StaffEventLog(bed.redis());
    this.api =
        StaffApi.create(
            bed.vertx(),
            bed.redis(),
            store,
            settings,
            texts,
            events,
            new io.civicline.mobileapi.inbox.InboxParts(
                List.of(voicemail, threads), voicemail, texts),
            new StaffApi.Voice(calls, calls, CALLS_PER_HOUR),
            callHistory,
            clock,
            65536);
    this.router = Router.router(bed.vertx());
    api.mount(router, r -> more.accept(api, r));
    HttpServerOptions options =
        new HttpServerOptions().setWebSocketSubProtocols(List.of("civicline.staff.v1"));
    this.server = await(bed.vertx().createHttpServer(options).requestHandler(router).listen(0));
    this.http = new Http(server.actualPort());
  }

  public static StaffApiServer start(RedisServer redis) {
    return start(redis, defaultSettings());
  }

  public static StaffApiServer start(RedisServer redis, StaffAuthSettings settings) {
    return new StaffApiServer(redis, settings, (api, r) -> {});
  }

  /** With test routes mounted among the staff routes, e.g. a WebSocket endpoint. */
  public static StaffApiServer start(RedisServer redis, BiConsumer<StaffApi, Router> more) {
    return new StaffApiServer(redis, defaultSettings(), more);
  }

  public static StaffAuthSettings defaultSettings() {
    return StaffAuthSettings.defaults(Secret.of(SIGNING_KEY), "https://civicline.test")
        .withArgon2(FAST);
  }

  public int port() {
    return server.actualPort();
  }

  public StaffMember addStaff(String tenant, String id, String email, List<String> roles) {
    return addStaff(tenant, id, email, roles, List.of());
  }

  /** A staff member of these departments. */
  public StaffMember addStaff(
      String tenant, String id, String email, List<String> roles, List<String> departments) {
    return addStaff(tenant, id, email, roles, departments, Optional.empty());
  }

  /** A staff member of these departments with this mobile number, if any. */
  public StaffMember addStaff(
      String tenant,
      String id,
      String email,
      List<String> roles,
      List<String> departments,
      Optional<String> mobile) {
    StaffMember staff =
        new StaffMember(
            id,
            "Ann " + tenant,
            Integer.toString(nextExtension++),
            Optional.ofNullable(email),
            mobile,
            roles,
            List.of("en"),
            departments);
    await(
        store.create(
            new DocumentStore.Write(
                tenant,
                StaffMember.COLLECTION,
                id,
                staff.toJson(),
                // Departments are not part of these tests: the membership is all that counts.
                departments.isEmpty() ? staff.references() : List.of(),
                staff.uniqueValues(),
                Actor.SYSTEM)));
    return staff;
  }

  public void setPassword(String tenant, String staffId, String password) {
    await(api.passwords().setPassword(tenant, staffId, password));
  }

  @Override
  public void close() {
    await(server.close());
    api.close();
    bed.close();
  }
}
