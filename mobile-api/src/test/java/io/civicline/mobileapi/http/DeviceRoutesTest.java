package io.civicline.mobileapi.http;

import static io.civicline.mobileapi.push.PushFixtures.apnsToken;
import static io.civicline.mobileapi.push.PushFixtures.delete;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static io.civicline.mobileapi.push.PushFixtures.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class DeviceRoutesTest {
  private final RedisServer redis;
  private StaffApiServer server;
  private Http http;

  DeviceRoutesTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    http = server.http;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonObject registration(String platform, String token) {
    return new JsonObject()
        .put("platform", platform)
        .put("token", token)
        .put("appVersion", "2.3.1");
  }

  @Test
  void registersListsAndRemovesWithoutEverShowingTheWholeToken() {
    String ann = signedIn(server, "lakeside", "ann");

    Http.Response created =
        http.post(DeviceRoutes.DEVICES, registration("apns", apnsToken(0xabcdef)), ann);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    JsonObject device = created.json();
    assertThat(device.getString("tokenEnd")).isEqualTo("...abcdef");
    assertThat(created.body()).doesNotContain(apnsToken(0xabcdef));
    JsonObject again =
        http.post(DeviceRoutes.DEVICES, registration("apns", apnsToken(0xabcdef)), ann).json();
    assertThat(again.getString("id")).isEqualTo(device.getString("id"));

    Http.Response listed = http.get(DeviceRoutes.DEVICES, ann);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("items")).isEqualTo(new JsonArray().add(device));
    assertThat(listed.body()).doesNotContain(apnsToken(0xabcdef));

    String path = DeviceRoutes.DEVICES + "/" + device.getString("id");
    assertThat(delete(server, path, ann).status()).isEqualTo(204);
    assertThat(delete(server, path, ann).status()).isEqualTo(404);
    assertThat(http.get(DeviceRoutes.DEVICES, ann).json().getJsonArray("items")).isEmpty();
  }

  @Test
  void everyRouteWantsAStaffToken() {
    assertThat(http.post(DeviceRoutes.DEVICES, registration("fcm", fcmToken(1)), null).status())
        .isEqualTo(401);
    assertThat(http.get(DeviceRoutes.DEVICES, null).status()).isEqualTo(401);
    assertThat(delete(server, DeviceRoutes.DEVICES + "/dev-1", null).status()).isEqualTo(401);
    assertThat(http.get(DeviceRoutes.DEVICES, "not-a-token").status()).isEqualTo(401);
  }

  @Test
  void badInputIsNamedFieldByFieldAndNeverEchoed() {
    String ann = signedIn(server, "lakeside", "ann");
    Http.Response invalid =
        http.post(
            DeviceRoutes.DEVICES,
            new JsonObject()
                .put("platform", "blackberry")
                .put("token", "bad token!")
                .put("extra", 1),
            ann);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.header("Content-Type")).contains("application/problem+json");
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactlyInAnyOrder("#/platform", "#/token", "#/appVersion", "#/extra");
    assertThat(invalid.body()).doesNotContain("bad token!");

    // an APNs token must be one: hexadecimal
    Http.Response notApns = http.post(DeviceRoutes.DEVICES, registration("apns", fcmToken(1)), ann);
    assertThat(notApns.status()).isEqualTo(422);
    assertThat(notApns.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("#/token");

    assertThat(http.postRaw(DeviceRoutes.DEVICES, "{", "application/json", ann).status())
        .isEqualTo(400);
    assertThat(http.postRaw(DeviceRoutes.DEVICES, "[]", "application/json", ann).status())
        .isEqualTo(400);
    assertThat(http.postRaw(DeviceRoutes.DEVICES, "x", "text/plain", ann).status()).isEqualTo(415);
    assertThat(http.get(DeviceRoutes.DEVICES, ann).json().getJsonArray("items")).isEmpty();
  }

  @Test
  void aDeviceOfOneTownIsInvisibleToAnotherAndToColleagues() {
    String lakesideAnn = signedIn(server, "lakeside", "ann");
    String rivertonAnn = signedIn(server, "riverton", "ann"); // same staff id, other town
    String lakesideBob = signedIn(server, "lakeside", "bob");
    String id =
        http.post(DeviceRoutes.DEVICES, registration("fcm", fcmToken(7)), lakesideAnn)
            .json()
            .getString("id");

    assertThat(http.get(DeviceRoutes.DEVICES, rivertonAnn).json().getJsonArray("items")).isEmpty();
    assertThat(http.get(DeviceRoutes.DEVICES, lakesideBob).json().getJsonArray("items")).isEmpty();
    assertThat(delete(server, DeviceRoutes.DEVICES + "/" + id, rivertonAnn).status())
        .isEqualTo(404);
    assertThat(delete(server, DeviceRoutes.DEVICES + "/" + id, lakesideBob).status())
        .isEqualTo(404);
    assertThat(http.get(DeviceRoutes.DEVICES, lakesideAnn).json().getJsonArray("items")).hasSize(1);
  }
}
