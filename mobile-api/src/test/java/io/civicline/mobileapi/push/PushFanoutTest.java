package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.FCM_ACCESS_TOKEN;
import static io.civicline.mobileapi.push.PushFixtures.FCM_PROJECT;
import static io.civicline.mobileapi.push.PushFixtures.KEY_ID;
import static io.civicline.mobileapi.push.PushFixtures.TEAM;
import static io.civicline.mobileapi.push.PushFixtures.TOPIC;
import static io.civicline.mobileapi.push.PushFixtures.apnsToken;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.events.StaffEvents;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.push.ApnsStandIn;
import io.civicline.testkit.push.FcmStandIn;
import io.civicline.testkit.push.ReceivedPush;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lakeside's clerks Ann (app open) and Bob (app closed, an Android phone and an iPhone), and Cy of
 * public works (app closed, an Android phone). Events reach the offline ones through the push
 * stand-ins instead of a socket.
 */
@ExtendWith(RedisExtension.class)
class PushFanoutTest {
  private final RedisServer redis;
  private final KeyPair keys = PushFixtures.p256();
  private final List<StaffEvent> logged = new CopyOnWriteArrayList<>();
  private StaffApiServer server;
  private FcmStandIn fcm;
  private ApnsStandIn apns;
  private DeviceRegistry devices;
  private LiveSockets sockets;
  private PushFanout fanout;
  private String annSocket;

  PushFanoutTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    server = StaffApiServer.start(redis);
    fcm = FcmStandIn.start(FCM_PROJECT, FCM_ACCESS_TOKEN);
    apns = ApnsStandIn.start(TEAM, KEY_ID, keys.getPublic(), TOPIC);
    devices = server.api.devices();
    sockets = new LiveSockets(server.bed.vertx(), server.bed.redis(), server.clock);
    StaffEvents log =
        (tenant, event) -> {
          logged.add(event);
          return Future.succeededFuture("1-" + logged.size());
        };
    fanout = fanout(log, fcm.baseUrl());
    server.addStaff("lakeside", "ann", "ann@l.example", List.of("agent"), List.of("clerk"));
    server.addStaff("lakeside", "bob", "bob@l.example", List.of("agent"), List.of("clerk"));
    server.addStaff("lakeside", "cy", "cy@l.example", List.of("agent"), List.of("public-works"));
    await(devices.register("lakeside", "ann", Platform.FCM, fcmToken(1), "1.0"));
    await(devices.register("lakeside", "bob", Platform.FCM, fcmToken(2), "1.0"));
    await(devices.register("lakeside", "bob", Platform.APNS, apnsToken(2), "1.0"));
    await(devices.register("lakeside", "cy", Platform.FCM, fcmToken(3), "1.0"));
    annSocket = await(sockets.connected("lakeside", "ann"));
  }

  private PushFanout fanout(StaffEvents log, String fcmBase) {
    return new PushFanout(
        log,
        server.store,
        sockets,
        devices,
        List.of(
            new FcmSender(
                server.bed.vertx(),
                fcmBase,
                FCM_PROJECT,
                () -> Future.succeededFuture(FCM_ACCESS_TOKEN)),
            new ApnsSender(
                server.bed.vertx(),
                new ApnsSender.Settings(apns.baseUrl(), TEAM, KEY_ID, PushFixtures.p8(keys), TOPIC),
                java.time.Clock.systemUTC())));
  }

  @AfterEach
  void stop() {
    sockets.close();
    fcm.close();
    apns.close();
    server.close();
  }

  private static StaffEvent voicemailForClerks() {
    return new StaffEvent(
        "voicemail.new",
        StaffEvent.Audience.toDepartments(Set.of("clerk")),
        new JsonObject()
            .put("messageId", "m1")
            .put("mailbox", "department:clerk")
            .put("from", "+12075550123"));
  }

  @Test
  void aDepartmentEventReachesOnlyItsOfflineMembersOnEveryDevice() {
    PushFanout.Report report = await(fanout.push("lakeside", voicemailForClerks()));

    assertThat(report).isEqualTo(new PushFanout.Report(1, 2, 0, 0));
    assertThat(fcm.received()).extracting(ReceivedPush::token).containsExactly(fcmToken(2));
    assertThat(apns.received()).extracting(ReceivedPush::token).containsExactly(apnsToken(2));
    JsonObject notification =
        new JsonObject(fcm.received().get(0).payload())
            .getJsonObject("message")
            .getJsonObject("notification");
    assertThat(notification.getString("title")).isEqualTo("New voicemail");
    assertThat(notification.getString("body")).isEqualTo("From +12075550123");
  }

  @Test
  void whenTheSocketClosesTheStaffMemberIsPushedInstead() {
    StaffEvent ringing =
        new StaffEvent(
            "call.ringing",
            StaffEvent.Audience.toStaff(Set.of("ann")),
            new JsonObject().put("callId", "c9").put("from", "+12075550188"));
    assertThat(await(fanout.push("lakeside", ringing)).delivered()).isZero();

    await(sockets.disconnected(annSocket)); // Ann closed the app
    assertThat(await(fanout.push("lakeside", ringing)).delivered()).isOne();

    StaffEvent forCy =
        new StaffEvent(
            "call.ringing",
            StaffEvent.Audience.toStaff(Set.of("cy")),
            new JsonObject().put("callId", "c10").put("from", "+12075550199"));
    assertThat(await(fanout.push("lakeside", forCy))).isEqualTo(new PushFanout.Report(1, 1, 0, 0));
    ReceivedPush push = fcm.await(2, Duration.ofSeconds(5)).get(1);
    assertThat(push.token()).isEqualTo(fcmToken(3));
    assertThat(
            new JsonObject(push.payload()).getJsonObject("message").getJsonObject("notification"))
        .isEqualTo(new JsonObject().put("title", "Incoming call").put("body", "+12075550199"));
  }

  @Test
  void eventsThatNeedNoPersonAreNotPushed() {
    StaffEvent answered =
        new StaffEvent(
            "call.ringing-ended",
            StaffEvent.Audience.toStaff(Set.of("bob")),
            new JsonObject().put("callId", "c1").put("reason", "answered"));
    StaffEvent presence =
        new StaffEvent(
            "presence.changed",
            StaffEvent.Audience.toStaff(Set.of("bob")),
            new JsonObject().put("staffId", "cy").put("status", "busy"));
    assertThat(await(fanout.push("lakeside", answered)))
        .isEqualTo(new PushFanout.Report(0, 0, 0, 0));
    assertThat(await(fanout.push("lakeside", presence)))
        .isEqualTo(new PushFanout.Report(0, 0, 0, 0));
    assertThat(fcm.requests() + apns.requests()).isZero();
  }

  @Test
  void aCallTakenElsewhereReplacesTheIncomingCallNotification() {
    StaffEvent ringing =
        new StaffEvent(
            "call.ringing",
            StaffEvent.Audience.toStaff(Set.of("bob")),
            new JsonObject().put("callId", "c7").put("from", "+12075550199"));
    StaffEvent ended =
        new StaffEvent(
            "call.ringing-ended",
            StaffEvent.Audience.toStaff(Set.of("bob")),
            new JsonObject()
                .put("callId", "c7")
                .put("reason", "answered-elsewhere")
                .put("from", "+12075550199"));
    await(fanout.push("lakeside", ringing));
    assertThat(await(fanout.push("lakeside", ended))).isEqualTo(new PushFanout.Report(1, 2, 0, 0));

    List<ReceivedPush> android = fcm.await(2, Duration.ofSeconds(5));
    JsonObject first = new JsonObject(android.get(0).payload()).getJsonObject("message");
    JsonObject second = new JsonObject(android.get(1).payload()).getJsonObject("message");
    assertThat(second.getJsonObject("notification").getString("title"))
        .isEqualTo("Answered by a colleague");
    assertThat(second.getJsonObject("data").getString("reason")).isEqualTo("answered-elsewhere");
    // the same tag on Android, the same collapse id on iOS: the second replaces the first
    assertThat(second.getJsonObject("android").getJsonObject("notification").getString("tag"))
        .isEqualTo(first.getJsonObject("android").getJsonObject("notification").getString("tag"))
        .isEqualTo("call-c7");
    List<ReceivedPush> iphone = apns.await(2, Duration.ofSeconds(5));
    assertThat(iphone.get(1).headers().get("apns-collapse-id"))
        .isEqualTo(iphone.get(0).headers().get("apns-collapse-id"))
        .isEqualTo("call-c7");
    assertThat(iphone.get(1).payload()).contains("Answered by a colleague");
  }

  @Test
  void devicesTheServiceCallsGoneArePrunedAndTheRestStillPushed() {
    fcm.unregister(fcmToken(2));
    PushFanout.Report report = await(fanout.push("lakeside", voicemailForClerks()));

    assertThat(report).isEqualTo(new PushFanout.Report(1, 1, 1, 0));
    assertThat(await(devices.list("lakeside", "bob")))
        .extracting(Device::token)
        .containsExactly(apnsToken(2));
  }

  @Test
  void publishingAnswersTheLogsSequenceWhateverThePushesDo() {
    fcm.close(); // FCM unreachable: Bob's Android phone fails, the event is still published
    String sequence = await(fanout.publish("lakeside", voicemailForClerks()));

    assertThat(sequence).isEqualTo("1-1");
    assertThat(logged).hasSize(1);
    apns.await(1, Duration.ofSeconds(5));
    assertThat(await(devices.list("lakeside", "bob"))).hasSize(2); // a failure prunes nothing
  }

  @Test
  void aFailedPublishPushesNothing() {
    PushFanout broken =
        fanout(
            (tenant, event) -> Future.failedFuture(new IllegalStateException("redis down")),
            fcm.baseUrl());
    assertThat(broken.publish("lakeside", voicemailForClerks()).toCompletionStage())
        .failsWithin(Duration.ofSeconds(5));
    assertThat(fcm.requests() + apns.requests()).isZero();
  }
}
