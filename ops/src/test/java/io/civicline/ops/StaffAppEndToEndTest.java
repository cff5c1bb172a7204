package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Voicemails;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.asterisk.AsteriskCaller;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * A staff member's app against the real server: the admin sets their password through the admin
 * API, they sign in to the staff API, open the events WebSocket, and a resident's call that rings
 * them shows up there; the admin then ends their sessions. Their department's inbox holds its
 * voicemail and text threads, which they take, note and handle.
 */
@ExtendWith(RedisExtension.class)
class StaffAppEndToEndTest {
  static final String L = "/api/v1/tenants/lakeside";
  static final String PASSWORD = "ledger-harbor-42-maple";

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private RunningServer server;
  private Api admin;
  private Vertx vertx;
  private int sockets;
  private WebSocketClient socketClient;
  private TestClock clock;

  StaffAppEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
    clock = new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING);
    server =
        RunningServer.withTwilioAndAsterisk(
            redis, dir, clock, twilio, TwilioVoiceEndToEndTest.SID, TwilioVoiceEndToEndTest.TOKEN);
    admin = server.platformAdmin();
    vertx = Vertx.vertx();
    // held for the whole test: Vert.x shuts down a client nobody refers to any more when the
    // garbage collector finds it, sockets and handshakes in progress included
    socketClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    // The server first: it closes the apps' sockets, so the client side has nothing to wait for.
    server.close();
    twilio.close();
    // no closing handshake to wait for: a loaded machine once took over 10 s over it
    socketClient
        .shutdown(0, TimeUnit.SECONDS)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> staffPost(String path, JsonObject body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String signIn(String email) throws Exception {
    HttpResponse<String> signedIn =
        staffPost(
            "/api/v1/staff/auth/sign-in",
            new JsonObject()
                .put("tenant", "lakeside")
                .put("email", email)
                .put("password", PASSWORD),
            null);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    return new JsonObject(signedIn.body()).getString("accessToken");
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }

  private List<JsonObject> openEvents(String token) throws Exception {
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    socketClient
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(server.port())
                .setURI("/api/v1/staff/events")
                .addHeader("Authorization", "Bearer " + token))
        // on the event loop, before any frame: set later, early frames would go to no handler
        .onSuccess(socket -> socket.textMessageHandler(text -> frames.add(new JsonObject(text))))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    int expected = ++sockets;
    eventually(() -> server.server().staffSockets() == expected);
    return frames;
  }

  @Test
  void aTwilioCallRingsTwoClerksOneAnswersInTheAppAndTheOtherSeesItAnsweredElsewhere()
      throws Exception {
    assertThat(
            admin
                .put(L + "/presence/tom-becker", new JsonObject().put("status", "available"), null)
                .status())
        .isEqualTo(200);
    for (String staff : List.of("maria-gonzalez", "tom-becker")) {
      admin.put(
          L + "/staff/" + staff + "/password", new JsonObject().put("password", PASSWORD), null);
    }
    List<JsonObject> maria =
        openEvents(signIn(admin.get(L + "/staff/maria-gonzalez").json().getString("email")));
    List<JsonObject> tom =
        openEvents(signIn(admin.get(L + "/staff/tom-becker").json().getString("email")));

    twilio.call(
        "http://127.0.0.1:" + server.port() + "/twilio/voice",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        CallerScript.pressing("1", "1")
            .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
            .dialOutcome("client:tom-becker", CallerScript.Outcome.ANSWERED)
            .statusCallback("http://127.0.0.1:" + server.port() + "/twilio/voice/status"));

    eventually(() -> calls(maria).size() >= 2 && calls(tom).size() >= 2);
    List<JsonObject> toMaria = calls(maria);
    List<JsonObject> toTom = calls(tom);
    assertThat(toMaria.get(0).getString("type")).isEqualTo("call.ringing");
    assertThat(toTom.get(0).getString("type")).isEqualTo("call.ringing");
    assertThat(toMaria.get(0).getJsonObject("data").getString("channel")).isEqualTo("twilio");
    assertThat(toMaria.get(1).getJsonObject("data").getString("reason"))
        .isEqualTo("answered-elsewhere");
    assertThat(toMaria.get(1).getJsonObject("data").getString("answeredBy"))
        .isEqualTo("tom-becker");
    assertThat(toTom.get(1).getJsonObject("data").getString("reason")).isEqualTo("answered");
    // Meanwhile Maria heard that Tom was on the call, then off it.
    eventually(() -> maria.size() >= 4);
    assertThat(
            maria.stream()
                .filter(e -> e.getString("type").equals("presence.changed"))
                .map(e -> e.getJsonObject("data").getBoolean("onCall")))
        .containsExactly(true, false);
  }

  /** The call events among an app's events (presence changes come between them). */
  private static List<JsonObject> calls(List<JsonObject> frames) {
    return frames.stream().filter(e -> e.getString("type").startsWith("call.")).toList();
  }

  @Test
  void aStaffMemberWithoutTheAppOpenGetsAPushForARingingCallAndNoneOnceConnected()
      throws Exception {
    server.close();
    try (io.civicline.testkit.push.FcmStandIn fcm =
        io.civicline.testkit.push.FcmStandIn.start("lakeside-app", "fcm-test-token")) {
      server =
          RunningServer.withTwilioAndAsterisk(
              redis,
              dir,
              new TestClock(TwilioVoiceEndToEndTest.TUESDAY_MORNING),
              twilio,
              TwilioVoiceEndToEndTest.SID,
              TwilioVoiceEndToEndTest.TOKEN,
              List.of(),
              new io.civicline.ops.config.CivicLineConfig.Push(
                  java.util.Optional.of("lakeside-app"),
                  fcm.baseUrl(),
                  java.util.Optional.of(io.civicline.core.config.Secret.of("fcm-test-token")),
                  java.util.Optional.empty()));
      admin = server.platformAdmin();
      admin.put(
          L + "/staff/maria-gonzalez/password", new JsonObject().put("password", PASSWORD), null);
      String token = signIn(admin.get(L + "/staff/maria-gonzalez").json().getString("email"));
      HttpResponse<String> device =
          staffPost(
              "/api/v1/staff/devices",
              new JsonObject()
                  .put("platform", "fcm")
                  .put("token", "maria-phone-token-0001")
                  .put("appVersion", "1.4.0"),
              token);
      assertThat(device.statusCode()).as(device.body()).isEqualTo(201);

      callFrom("+12075550001");
      // Rung while away, then "missed" in its place, then the message the caller left.
      List<io.civicline.testkit.push.ReceivedPush> pushed =
          fcm.await(3, java.time.Duration.ofSeconds(10));
      assertThat(pushed.get(0).token()).isEqualTo("maria-phone-token-0001");
      assertThat(pushed.get(0).payload()).contains("Incoming call").contains("+12075550001");
      assertThat(pushed.get(1).payload()).contains("Missed call").contains("+12075550001");
      assertThat(pushed.get(2).payload()).contains("New voicemail").contains("+12075550001");

      List<JsonObject> app = openEvents(token);
      callFrom("+12075550002");
      eventually(() -> app.size() >= 1);
      TimeUnit.MILLISECONDS.sleep(300);
      assertThat(fcm.received()).hasSize(3); // her app is open: nothing more is pushed
    }
  }

  private void callFrom(String from) {
    AsteriskCaller.to("127.0.0.1", server.agiPort())
        .flow("lakeside", TwilioVoiceEndToEndTest.MAIN)
        .from(from)
        .uniqueId("pbx1-push." + from.substring(1))
        .following(
            CallerScript.pressing("1", "1").defaultDialOutcome(CallerScript.Outcome.NO_ANSWER))
        .spool(RunningServer.SPOOL_ON_ASTERISK, dir.resolve("spool"))
        .call();
  }

  @Test
  void colleaguesSeeAPresenceChangeOthersDoNot() throws Exception {
    for (String staff : List.of("maria-gonzalez", "jim-oconnor")) {
      admin.put(
          L + "/staff/" + staff + "/password", new JsonObject().put("password", PASSWORD), null);
    }
    List<JsonObject> maria =
        openEvents(signIn(admin.get(L + "/staff/maria-gonzalez").json().getString("email")));
    List<JsonObject> jim =
        openEvents(signIn(admin.get(L + "/staff/jim-oconnor").json().getString("email")));

    admin.put(L + "/presence/tom-becker", new JsonObject().put("status", "do-not-disturb"), null);

    eventually(() -> !maria.isEmpty());
    assertThat(maria.get(0).getString("type")).isEqualTo("presence.changed");
    assertThat(maria.get(0).getJsonObject("data").getString("staffId")).isEqualTo("tom-becker");
    assertThat(maria.get(0).getJsonObject("data").getString("status")).isEqualTo("do-not-disturb");
    // the same shape as changes from the app and the channels
    assertThat(maria.get(0).getJsonObject("data").getBoolean("onCall")).isFalse();
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(jim).isEmpty(); // Public Works is not Tom's department

    // Jim sets himself to do-not-disturb from his app: his colleagues would hear, Maria does not.
    String jimsToken = signIn(admin.get(L + "/staff/jim-oconnor").json().getString("email"));
    HttpResponse<String> set =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/staff/presence"))
                    .header("Authorization", "Bearer " + jimsToken)
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("status", "do-not-disturb").encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(admin.get(L + "/presence/jim-oconnor").json().getString("status"))
        .isEqualTo("do-not-disturb");
    eventually(() -> !jim.isEmpty());
    assertThat(jim.get(0).getString("type")).isEqualTo("presence.changed");
    assertThat(maria).hasSize(1);
  }

  @Test
  void aResidentsTextAboutAPotholeReachesPublicWorksStaff() throws Exception {
    JsonObject rules = potholeRules();
    assertThat(admin.put(L + "/sms-rules", rules, null).status()).isEqualTo(200);
    // The rules now hold on to Public Works.
    String etag = admin.get(L + "/departments/public-works").etag();
    Api.Response delete = admin.delete(L + "/departments/public-works", etag);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.body()).contains("sms-rules");
    JsonObject jim = admin.get(L + "/staff/jim-oconnor").json();
    admin.put(L + "/staff/jim-oconnor/password", new JsonObject().put("password", PASSWORD), null);
    JsonObject maria = admin.get(L + "/staff/maria-gonzalez").json();
    admin.put(
        L + "/staff/maria-gonzalez/password", new JsonObject().put("password", PASSWORD), null);
    List<JsonObject> jimsApp = openEvents(signIn(jim.getString("email")));
    List<JsonObject> mariasApp = openEvents(signIn(maria.getString("email")));

    twilio.text(
        "http://127.0.0.1:" + server.port() + "/twilio/sms",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        "pothole on Main St");

    eventually(() -> !jimsApp.isEmpty());
    JsonObject text = jimsApp.get(0);
    assertThat(text.getString("type")).isEqualTo("text.new");
    assertThat(text.getJsonObject("data").getJsonObject("thread").getString("department"))
        .isEqualTo("public-works");
    assertThat(text.getJsonObject("data").getJsonObject("message").getString("body"))
        .isEqualTo("pothole on Main St");
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(mariasApp).isEmpty();

    // Jim replies from the app; the text goes out through Twilio and is reported delivered.
    String jimsToken = signIn(jim.getString("email"));
    String thread = text.getJsonObject("data").getJsonObject("thread").getString("id");
    HttpResponse<String> reply =
        staffPost(
            "/api/v1/staff/texts/threads/" + thread + "/replies",
            new JsonObject().put("body", "Thanks, a crew is on its way."),
            jimsToken);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
    eventually(() -> !twilio.sentMessages().isEmpty());
    TwilioStandIn.SentMessage sent = twilio.sentMessages().get(0);
    assertThat(sent.to()).isEqualTo(TwilioVoiceEndToEndTest.RESIDENT);
    assertThat(sent.from()).isEqualTo(TwilioVoiceEndToEndTest.MAIN);
    assertThat(sent.body()).isEqualTo("Thanks, a crew is on its way.");
    twilio.reportStatus(sent.sid(), "delivered", null);
    eventually(
        () ->
            jimsApp.stream()
                .anyMatch(
                    e ->
                        e.getString("type").equals("text.status")
                            && e.getJsonObject("data")
                                .getJsonObject("message")
                                .getString("status")
                                .equals("delivered")));
    HttpResponse<String> messages =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.port()
                                + "/api/v1/staff/texts/threads/"
                                + thread
                                + "/messages"))
                    .header("Authorization", "Bearer " + jimsToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonObject newest = new JsonObject(messages.body()).getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("status")).isEqualTo("delivered");
    assertThat(newest.getString("author")).isEqualTo("jim-oconnor");
  }

  @Test
  void aCallThatRingsAStaffMemberReachesTheirAppAndAnAdminCanEndTheirSessions() throws Exception {
    JsonObject maria = admin.get(L + "/staff/maria-gonzalez").json();
    Api.Response weak =
        admin.put(
            L + "/staff/maria-gonzalez/password", new JsonObject().put("password", "short"), null);
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.body()).contains("#/password").doesNotContain("short");
    assertThat(
            admin
                .put(
                    L + "/staff/maria-gonzalez/password",
                    new JsonObject().put("password", PASSWORD),
                    null)
                .status())
        .isEqualTo(204);
    String token = signIn(maria.getString("email"));

    List<JsonObject> frames = openEvents(token);

    AsteriskCaller.to("127.0.0.1", server.agiPort())
        .flow("lakeside", TwilioVoiceEndToEndTest.MAIN)
        .from(TwilioVoiceEndToEndTest.RESIDENT)
        .uniqueId("pbx1-1.1")
        .following(
            CallerScript.pressing("1", "1").defaultDialOutcome(CallerScript.Outcome.NO_ANSWER))
        .spool(RunningServer.SPOOL_ON_ASTERISK, dir.resolve("spool"))
        .call();

    eventually(() -> frames.size() >= 2);
    JsonObject ringing = frames.get(0);
    assertThat(ringing.getString("type")).isEqualTo("call.ringing");
    assertThat(ringing.getJsonObject("data").getString("from"))
        .isEqualTo(TwilioVoiceEndToEndTest.RESIDENT);
    assertThat(ringing.getJsonObject("data").getJsonArray("path")).contains("ring-clerk");
    assertThat(frames.get(1).getString("type")).isEqualTo("call.ringing-ended");

    // A staff member deleted from the directory loses their sessions with it.
    admin.put(L + "/staff/tom-becker/password", new JsonObject().put("password", PASSWORD), null);
    String tomsToken = signIn(admin.get(L + "/staff/tom-becker").json().getString("email"));
    Api.Response gone =
        admin.delete(L + "/staff/tom-becker", admin.get(L + "/staff/tom-becker").etag());
    assertThat(gone.status()).as(gone.body()).isEqualTo(204);
    assertThat(staffPost("/api/v1/staff/auth/sign-out", null, tomsToken).statusCode())
        .isEqualTo(401);

    Api.Response revoked =
        admin.post(L + "/staff/maria-gonzalez/sessions/revoke", new JsonObject());
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().getInteger("revoked")).isEqualTo(1);
    HttpResponse<String> refused = staffPost("/api/v1/staff/auth/sign-out", null, token);
    assertThat(refused.statusCode()).isEqualTo(401);
  }

  /** Texts about potholes go to Public Works, everything else to the clerk. */
  private static JsonObject potholeRules() {
    return new JsonObject()
        .put("defaultDepartment", "clerk")
        .put(
            "keywords",
            new io.vertx.core.json.JsonArray()
                .add(
                    new JsonObject()
                        .put("department", "public-works")
                        .put(
                            "words",
                            new JsonObject()
                                .put("en", new io.vertx.core.json.JsonArray().add("pothole")))));
  }

  private final HttpClient inboxHttp = HttpClient.newHttpClient();
  static final byte[] PHOTO = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, (byte) 0xd9};

  private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
    return inboxHttp.send(
        request.header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  private String signInAs(String staffId) throws Exception {
    admin.put(
        L + "/staff/" + staffId + "/password", new JsonObject().put("password", PASSWORD), null);
    return signIn(admin.get(L + "/staff/" + staffId).json().getString("email"));
  }

  private HttpResponse<String> inbox(String query, String token) throws Exception {
    return send(at("/api/v1/staff/inbox?department=public-works" + query).GET(), token);
  }

  private static List<String> kinds(HttpResponse<String> page) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return new JsonObject(page.body())
        .getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("kind")).toList();
  }

  private HttpResponse<String> patch(String path, JsonObject body, String etag, String token)
      throws Exception {
    return send(
        at(path)
            .header("Content-Type", "application/json")
            .header("If-Match", etag)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())),
        token);
  }

  @Test
  void aVoicemailAndATextShareTheInboxAndJimHandlesTheThread() throws Exception {
    JsonObject rules = potholeRules();
    assertThat(admin.put(L + "/sms-rules", rules, null).status()).isEqualTo(200);
    try (Voicemails voicemails = Voicemails.open(redis, dir)) {
      voicemails.leave(
          "lakeside",
          "department:public-works",
          "test:inbox-1",
          3,
          TwilioVoiceEndToEndTest.TUESDAY_MORNING.minusSeconds(600));
    }
    twilio.text(
        "http://127.0.0.1:" + server.port() + "/twilio/sms",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        "pothole on Main St, photo attached",
        new TwilioStandIn.Media("image/jpeg", PHOTO));
    String jim = signInAs("jim-oconnor");
    String maria = signInAs("maria-gonzalez");

    // Newest activity first: the text came after the voicemail.
    assertThat(kinds(inbox("", jim))).containsExactly("text-thread", "voicemail");
    JsonObject thread =
        new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(0);
    assertThat(thread.getString("from")).isEqualTo(TwilioVoiceEndToEndTest.RESIDENT);
    assertThat(thread.getBoolean("unread")).isTrue();
    String item = "/api/v1/staff/inbox/items/text-thread/" + thread.getString("id");

    HttpResponse<String> taken =
        patch(
            item,
            new JsonObject().put("assignedTo", "me").put("note", "Crew booked for Thursday"),
            "\"" + thread.getLong("version") + "\"",
            jim);
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    String etag = taken.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> handled =
        patch(item, new JsonObject().put("status", "handled"), etag, jim);
    assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
    assertThat(new JsonObject(handled.body()).getString("assignedTo")).isEqualTo("jim-oconnor");
    // Acting on what was read before: refused.
    assertThat(patch(item, new JsonObject().put("status", "open"), etag, jim).statusCode())
        .isEqualTo(412);

    assertThat(kinds(inbox("", jim))).containsExactly("voicemail");
    String search = "&status=all&q=" + URLEncoder.encode("crew BOOKED", StandardCharsets.UTF_8);
    assertThat(kinds(inbox(search, jim))).containsExactly("text-thread");
    assertThat(kinds(inbox("&status=handled&assignedTo=me", jim))).containsExactly("text-thread");
    // The change is in the town's audit trail, by Jim.
    assertThat(admin.get(L + "/audit?limit=50").body())
        .contains("sms-threads/" + thread.getString("id"))
        .contains("staff:jim-oconnor");

    assertThat(inbox("", maria).statusCode()).isEqualTo(403);
    assertThat(patch(item, new JsonObject().put("note", "mine"), etag, maria).statusCode())
        .isEqualTo(403);

    // The photo, downloaded through the staff API with its bytes intact.
    HttpResponse<String> messages =
        send(at("/api/v1/staff/texts/threads/" + thread.getString("id") + "/messages").GET(), jim);
    JsonObject media =
        new JsonObject(messages.body())
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonArray("media")
            .getJsonObject(0);
    assertThat(media.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(media.getLong("bytes")).isEqualTo(PHOTO.length);
    assertThat(media.containsKey("key")).isFalse();
    String download =
        "/api/v1/staff/texts/threads/" + thread.getString("id") + "/media/" + media.getString("id");
    HttpResponse<byte[]> photo =
        inboxHttp.send(
            at(download).header("Authorization", "Bearer " + jim).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(photo.body()).isEqualTo(PHOTO);
    assertThat(send(at(download).GET(), maria).statusCode()).isEqualTo(403);

    // A new text from the resident reopens the thread: they expect an answer.
    twilio.text(
        "http://127.0.0.1:" + server.port() + "/twilio/sms",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        "still there");
    for (int i = 0; i < 250 && kinds(inbox("", jim)).size() < 2; i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(kinds(inbox("", jim))).containsExactly("text-thread", "voicemail");

    // The voicemail plays in the app (a WAV), and is no longer new.
    JsonObject voicemail =
        new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(1);
    assertThat(voicemail.getBoolean("unread")).isTrue();
    HttpResponse<byte[]> wav =
        inboxHttp.send(
            at(voicemail.getJsonObject("details").getString("audio"))
                .header("Authorization", "Bearer " + jim)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(wav.statusCode()).isEqualTo(200);
    assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    JsonObject after = new JsonObject(inbox("", jim).body()).getJsonArray("items").getJsonObject(1);
    assertThat(after.getBoolean("unread")).isFalse();
  }

  private JsonObject staffGet(String path, String token) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private boolean mariaOnCall(String token) throws Exception {
    return staffGet("/api/v1/staff/colleagues/presence", token).getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("staffId").equals("maria-gonzalez"))
        .findFirst()
        .orElseThrow()
        .getBoolean("onCall");
  }

  /** Whether an app heard that Maria got on ({@code onCall}) or off a call. */
  private static boolean heardMariaOnCall(List<JsonObject> app, boolean onCall) {
    return app.stream()
        .anyMatch(
            e ->
                e.getString("type").equals("presence.changed")
                    && e.getJsonObject("data").getString("staffId").equals("maria-gonzalez")
                    && e.getJsonObject("data").getBoolean("onCall", !onCall) == onCall);
  }

  private static List<String> rung(JsonObject call) {
    return call.getJsonArray("rung").stream().map(String::valueOf).toList();
  }

  /** A resident calls the clerk's office; {@code maria} answers, or nobody does. */
  private void callTheClerk(
      CallerScript.Outcome maria, java.util.concurrent.CompletableFuture<?> hangUp) {
    clock.advance(java.time.Duration.ofMinutes(1));
    CallerScript script =
        CallerScript.pressing("1", "1")
            .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
            .dialOutcome("client:maria-gonzalez", maria)
            .statusCallback("http://127.0.0.1:" + server.port() + "/twilio/voice/status");
    twilio.call(
        "http://127.0.0.1:" + server.port() + "/twilio/voice",
        TwilioVoiceEndToEndTest.RESIDENT,
        TwilioVoiceEndToEndTest.MAIN,
        hangUp == null ? script : script.talkUntil(hangUp));
  }

  @Test
  void whileMariaIsOnACallSheIsNotRungHerColleaguesSeeItAndTheHistoryShowsWhatWasMissed()
      throws Exception {
    admin.put(L + "/presence/tom-becker", new JsonObject().put("status", "available"), null);
    for (String staff : List.of("maria-gonzalez", "tom-becker")) {
      admin.put(
          L + "/staff/" + staff + "/password", new JsonObject().put("password", PASSWORD), null);
    }
    String maria = signIn(admin.get(L + "/staff/maria-gonzalez").json().getString("email"));
    String tom = signIn(admin.get(L + "/staff/tom-becker").json().getString("email"));
    List<JsonObject> tomsApp = openEvents(tom);
    assertThat(mariaOnCall(tom)).isFalse();

    // 1. Rings Maria and Tom; Maria answers and stays on the line.
    java.util.concurrent.CompletableFuture<Void> hangUp =
        new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Void> first =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> callTheClerk(CallerScript.Outcome.ANSWERED, hangUp));
    try {
      eventually(() -> heardMariaOnCall(tomsApp, true));
      assertThat(mariaOnCall(tom)).isTrue();
      assertThat(staffGet("/api/v1/staff/presence", maria).getBoolean("onCall")).isTrue();

      // 2. While she talks, a second call rings only Tom, who does not answer.
      callTheClerk(CallerScript.Outcome.ANSWERED, null);
    } finally {
      hangUp.complete(null);
    }
    first.get(30, TimeUnit.SECONDS);
    eventually(() -> heardMariaOnCall(tomsApp, false));
    assertThat(mariaOnCall(tom)).isFalse();

    // 3. After hanging up she is rung again; nobody answers this time.
    callTheClerk(CallerScript.Outcome.NO_ANSWER, null);

    List<JsonObject> tomsCalls =
        staffGet("/api/v1/staff/calls", tom).getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .toList();
    assertThat(tomsCalls).hasSize(3);
    JsonObject third = tomsCalls.get(0);
    JsonObject second = tomsCalls.get(1);
    JsonObject first1 = tomsCalls.get(2);
    assertThat(rung(first1)).contains("maria-gonzalez", "tom-becker");
    assertThat(rung(second)).contains("tom-becker").doesNotContain("maria-gonzalez");
    assertThat(rung(third)).contains("maria-gonzalez", "tom-becker");
    // Rang Tom, Maria took it: not missed for him, and he sees who answered.
    assertThat(first1.getBoolean("missed")).isFalse();
    assertThat(first1.getString("answeredBy")).isEqualTo("maria-gonzalez");
    assertThat(second.getBoolean("missed")).isTrue();
    assertThat(third.getBoolean("missed")).isTrue();
    assertThat(first1.getJsonArray("departments")).containsExactly("clerk");

    List<String> mariasCalls =
        staffGet("/api/v1/staff/calls", maria).getJsonArray("items").stream()
            .map(c -> ((JsonObject) c).getString("id"))
            .toList();
    assertThat(mariasCalls).containsExactly(third.getString("id"), first1.getString("id"));

    // The clerk's office sees both unanswered calls as missed, the second one though it never
    // rang Maria.
    List<String> missedByTheOffice =
        staffGet("/api/v1/staff/calls?scope=departments&missed=true", maria)
            .getJsonArray("items")
            .stream()
            .map(c -> ((JsonObject) c).getString("id"))
            .toList();
    assertThat(missedByTheOffice).containsExactly(third.getString("id"), second.getString("id"));
    // Public Works (Jim) sees none of the clerk's calls.
    admin.put(L + "/staff/jim-oconnor/password", new JsonObject().put("password", PASSWORD), null);
    String jim = signIn(admin.get(L + "/staff/jim-oconnor").json().getString("email"));
    assertThat(staffGet("/api/v1/staff/calls?scope=departments", jim).getJsonArray("items"))
        .isEmpty();
    // The admin API shows the new fields too.
    JsonObject record = admin.get(L + "/calls/" + second.getString("id")).json();
    assertThat(record.getJsonArray("rung")).contains("tom-becker");
  }
}
