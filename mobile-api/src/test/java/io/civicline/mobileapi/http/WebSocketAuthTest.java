package io.civicline.mobileapi.http;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Promise;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WebSocket upgrades carry the access token in a header, a subprotocol or the query. */
@ExtendWith(RedisExtension.class)
class WebSocketAuthTest {
  static final String PATH = StaffAuthRoutes.BASE + "/socket";
  private final RedisServer redis;
  private StaffApiServer server;
  private WebSocketClient client;
  private JsonObject tokens;

  WebSocketAuthTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server =
        StaffApiServer.start(
            redis,
            (api, router) ->
                router
                    .get(PATH)
                    .handler(
                        ctx ->
                            api.bearerAuth()
                                .authenticateUpgrade(ctx.request())
                                .compose(
                                    principal ->
                                        ctx.request()
                                            .toWebSocket()
                                            .map(
                                                ws ->
                                                    ws.writeTextMessage(
                                                        "hello "
                                                            + principal.tenant()
                                                            + "/"
                                                            + principal.staffId())))
                                .onFailure(ctx::fail)));
    server.addStaff("lakeside", "ann", "ann@towns.example", List.of("agent"));
    server.setPassword("lakeside", "ann", StaffAuthApiTest.PASSWORD);
    tokens =
        server
            .http
            .post(
                StaffAuthRoutes.SIGN_IN,
                StaffAuthApiTest.credentials(
                    "lakeside", "ann@towns.example", StaffAuthApiTest.PASSWORD))
            .json();
    client = server.bed.vertx().createWebSocketClient();
  }

  @AfterEach
  void stop() {
    await(client.close());
    server.close();
  }

  private WebSocketConnectOptions options(String uri) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI(uri);
  }

  private String firstMessage(WebSocketConnectOptions options) {
    Promise<String> message = Promise.promise();
    client
        .connect(options)
        .onSuccess(ws -> ws.textMessageHandler(message::tryComplete))
        .onFailure(message::tryFail);
    return await(message.future());
  }

  @Test
  void aValidTokenOpensTheSocketWhicheverWayItComes() {
    String access = tokens.getString("accessToken");
    assertThat(firstMessage(options(PATH).addHeader("Authorization", "Bearer " + access)))
        .isEqualTo("hello lakeside/ann");
    assertThat(
            firstMessage(
                options(PATH).setSubProtocols(List.of("civicline.staff.v1", "bearer." + access))))
        .isEqualTo("hello lakeside/ann");
    assertThat(firstMessage(options(PATH + "?access_token=" + access)))
        .isEqualTo("hello lakeside/ann");
  }

  @Test
  void expiredRevokedAndMissingTokensAreRefusedAtTheUpgrade() {
    String access = tokens.getString("accessToken");
    assertRejected(options(PATH));
    assertRejected(options(PATH).addHeader("Authorization", "Bearer " + access + "x"));

    server.clock.advance(Duration.ofMinutes(16));
    assertRejected(options(PATH).addHeader("Authorization", "Bearer " + access));
    server.clock.advance(Duration.ofMinutes(-16));

    server.http.post(StaffAuthRoutes.SIGN_OUT, null, access);
    assertRejected(options(PATH + "?access_token=" + access));
  }

  private void assertRejected(WebSocketConnectOptions options) {
    assertThatThrownBy(() -> firstMessage(options))
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
  }
}
