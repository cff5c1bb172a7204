package io.civicline.mobileapi.events;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.http.StaffAuthRoutes;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The staff events WebSocket on a server whose events come from a second node (its own Vert.x and
 * Redis client), as in a deployment: what a staff member's socket gets, how it resumes, and how a
 * revoked session ends it.
 */
@ExtendWith(RedisExtension.class)
class EventSocketRouteTest {
  static final String PASSWORD = "river-bank-7-ferry";
  private final RedisServer redis;
  private RedisTestBed node;
  private LiveEvents live;
  private StaffEventLog publisher;
  private StaffApiServer server;
  private WebSocketClient client;
  private String ann;

  EventSocketRouteTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis, (api, router) -> route(api).mount(router));
    server.addStaff("lakeside", "ann", "ann@towns.example", List.of("agent"));
    server.setPassword("lakeside", "ann", PASSWORD);
    ann = signIn();
    publisher = new StaffEventLog(server.bed.redis());
    client = server.bed.vertx().createWebSocketClient();
  }

  private EventSocketRoute route(io.civicline.mobileapi.StaffApi api) {
    node = RedisTestBed.openWithoutFlush(redis);
    live = new LiveEvents(node.vertx(), node.redis(), new StaffEventLog(node.redis()));
    return new EventSocketRoute(
        node.vertx(),
        api.bearerAuth(),
        new StaffDirectory(new DocumentStore(node.redis(), Clock.systemUTC())),
        live,
        Duration.ofMillis(200));
  }

  private String signIn() {
    return server
        .http
        .post(
            StaffAuthRoutes.SIGN_IN,
            new JsonObject()
                .put("tenant", "lakeside")
                .put("email", "ann@towns.example")
                .put("password", PASSWORD))
        .json()
        .getString("accessToken");
  }

  @AfterEach
  void stop() {
    await(client.close());
    live.close();
    server.close();
    node.close();
  }

  /** A connected app: the frames it got, and how the server closed it. */
  static final class App {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    volatile Short closedWith;
  }

  private App connect(String query) {
    App app = new App();
    await(
        client
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(server.port())
                    .setURI(EventSocketRoute.PATH + query)
                    .addHeader("Authorization", "Bearer " + ann))
            // on the event loop, before any frame: set once connect returns, a replay could
            // arrive first and go to no handler
            .onSuccess(
                ws -> {
                  ws.textMessageHandler(text -> app.frames.add(new JsonObject(text)));
                  ws.closeHandler(v -> app.closedWith = ws.closeStatusCode());
                }));
    return app;
  }

  private String publish(Set<String> staff, String n) {
    return await(
        publisher.publish(
            "lakeside",
            new StaffEvent(
                "test.event", StaffEvent.Audience.toStaff(staff), new JsonObject().put("n", n))));
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }

  private static List<String> numbers(App app) {
    return app.frames.stream().map(f -> f.getJsonObject("data").getString("n")).toList();
  }

  @Test
  void theSignedInMemberGetsTheirEventsInOrderAndResumesAfterTheLastSeq() throws Exception {
    App app = connect("");
    eventually(() -> await(live.listeners()) == 1);
    publish(Set.of("ann"), "1");
    publish(Set.of("bob"), "not-for-ann");
    String second = publish(Set.of("ann"), "2");
    eventually(() -> app.frames.size() == 2);
    assertThat(numbers(app)).containsExactly("1", "2");
    assertThat(app.frames.get(1).getString("seq")).isEqualTo(second);
    assertThat(app.frames.get(1).getString("type")).isEqualTo("test.event");

    publish(Set.of("ann"), "3");
    App later = connect("?since=" + second);
    eventually(() -> later.frames.size() == 1);
    publish(Set.of("ann"), "4");
    eventually(() -> later.frames.size() == 2);
    assertThat(numbers(later)).containsExactly("3", "4");
  }

  @Test
  void aSessionSignedOutWhileTheSocketIsOpenEndsIt() throws Exception {
    App app = connect("");
    server.http.post(StaffAuthRoutes.SIGN_OUT, null, ann);

    eventually(() -> app.closedWith != null);
    assertThat(app.closedWith).isEqualTo(EventSocketRoute.CLOSE_UNAUTHORIZED);
  }

  @Test
  void withoutAValidTokenOrWithAMalformedSeqThereIsNoSocket() {
    assertThatThrownBy(
            () ->
                await(
                    client.connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(server.port())
                            .setURI(EventSocketRoute.PATH))))
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    assertThatThrownBy(() -> connect("?since=yesterday"))
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(400));
  }
}
