package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.asterisk.AsteriskCaller;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes on one Redis, as a deployment runs them: a call handled by node 1 reaches a
 * staff app connected to node 2, and an app that reconnects with its last sequence misses nothing
 * that happened while it was away.
 */
@ExtendWith(RedisExtension.class)
class TwoNodesTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String PASSWORD = "ledger-harbor-42-maple";

  private final RedisServer redis;
  @TempDir Path dirOne;
  @TempDir Path dirTwo;
  private TwilioStandIn twilio;
  private RunningServer one;
  private RunningServer two;
  private Vertx vertx;
  private WebSocketClient socketClient;
  private int calls;

  TwoNodesTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
    TestClock clock = new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING);
    one =
        RunningServer.withTwilioAndAsterisk(
            redis,
            dirOne,
            clock,
            twilio,
            TwilioVoiceEndToEndTest.SID,
            TwilioVoiceEndToEndTest.TOKEN);
    two =
        RunningServer.withTwilioAndAsterisk(
            redis,
            dirTwo,
            clock,
            twilio,
            TwilioVoiceEndToEndTest.SID,
            TwilioVoiceEndToEndTest.TOKEN);
    vertx = Vertx.vertx();
    // held for the whole test: Vert.x shuts down a client nobody refers to any more when the
    // garbage collector finds it, handshakes in progress included
    socketClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    one.close();
    two.close();
    twilio.close();
    // no closing handshake to wait for: a loaded machine once took over 10 s over it
    socketClient
        .shutdown(0, TimeUnit.SECONDS)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String signInOnNodeTwo() throws Exception {
    Api admin = one.platformAdmin();
    admin.put(
        L + "/staff/maria-gonzalez/password", new JsonObject().put("password", PASSWORD), null);
    String email = admin.get(L + "/staff/maria-gonzalez").json().getString("email");
    HttpResponse<String> signedIn =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + two.port() + "/api/v1/staff/auth/sign-in"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject()
                                .put("tenant", "lakeside")
                                .put("email", email)
                                .put("password", PASSWORD)
                                .encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    return new JsonObject(signedIn.body()).getString("accessToken");
  }

  private WebSocket connect(String token, String query, List<JsonObject> frames) throws Exception {
    WebSocket socket =
        socketClient
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(two.port())
                    .setURI("/api/v1/staff/events" + query)
                    .addHeader("Authorization", "Bearer " + token))
            // on the event loop, before any frame: set once connect returns, the replay after a
            // reconnect could arrive first and go to no handler
            .onSuccess(ws -> ws.textMessageHandler(text -> frames.add(new JsonObject(text))))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return socket;
  }

  /** A resident's call through node 1's FastAGI: it rings the Clerk's office, nobody answers. */
  private void callNodeOne(String from) {
    AsteriskCaller.to("127.0.0.1", one.agiPort())
        .flow("lakeside", TwilioVoiceEndToEndTest.MAIN)
        .from(from)
        .uniqueId("pbx1-2." + (++calls))
        .following(
            CallerScript.pressing("1", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(2))
        .spool(RunningServer.SPOOL_ON_ASTERISK, dirOne.resolve("spool"))
        .call();
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }

  private static List<String> summary(List<JsonObject> frames) {
    return frames.stream()
        .map(f -> f.getString("type") + " " + f.getJsonObject("data").getString("from", ""))
        .toList();
  }

  @Test
  void anEventOnNodeOneReachesASocketOnNodeTwoAndAReconnectMissesNothing() throws Exception {
    String token = signInOnNodeTwo();
    List<JsonObject> first = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(token, "", first);
    eventually(() -> two.server().staffSockets() == 1);

    callNodeOne("+12075550001");
    eventually(() -> first.size() == 3);
    assertThat(summary(first))
        .containsExactly(
            "call.ringing +12075550001",
            "call.ringing-ended +12075550001",
            "voicemail.new +12075550001");

    String last = first.get(2).getString("seq");
    socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually(() -> two.server().staffSockets() == 0);
    callNodeOne("+12075550002");

    List<JsonObject> again = new CopyOnWriteArrayList<>();
    connect(token, "?since=" + last, again);
    eventually(() -> again.size() == 3);
    callNodeOne("+12075550003");
    eventually(() -> again.size() == 6);
    assertThat(summary(again))
        .containsExactly(
            "call.ringing +12075550002",
            "call.ringing-ended +12075550002",
            "voicemail.new +12075550002",
            "call.ringing +12075550003",
            "call.ringing-ended +12075550003",
            "voicemail.new +12075550003");
  }
}
