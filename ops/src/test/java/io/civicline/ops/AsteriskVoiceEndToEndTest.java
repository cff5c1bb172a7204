package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.asterisk.AsteriskCall;
import io.civicline.testkit.asterisk.AsteriskCaller;
import io.civicline.testkit.twilio.CallTranscript;
import io.civicline.testkit.twilio.CallerScript;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo township's flows answered through Asterisk: a simulated Asterisk (testkit) connects to
 * the real server's FastAGI port as the dialplan's {@code AGI()} does and plays the resident. The
 * same caller scripts also run through the Twilio stand-in, and both calls must take the same path
 * to the same outcome.
 */
@ExtendWith(RedisExtension.class)
class AsteriskVoiceEndToEndTest {
  static final String SID = "AC" + "0123456789abcdef".repeat(2);
  static final String TOKEN = "demo-auth-token-0123456789abcdef";
  static final String MAIN = "+12695550100";
  static final String RESIDENT = "+12075550123";
  static final String L = "/api/v1/tenants/lakeside";
  static final String CLERK_BOX = "civicline:{t:lakeside}:vm:box:department.clerk";

  /** Tuesday 2026-11-24, 10:00 in Lakeside (America/Detroit). */
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  static final Instant TUESDAY_EVENING = Instant.parse("2026-11-24T23:30:00Z");

  private final RedisServer redis;
  @TempDir Path dir;
  private TwilioStandIn twilio;
  private TestClock clock;
  private RunningServer server;
  private Api admin;
  private int calls;

  AsteriskVoiceEndToEndTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() {
    redis.flushAll();
    twilio = TwilioStandIn.start(SID, TOKEN);
    clock = new TestClock(TUESDAY_MORNING);
    server = RunningServer.withTwilioAndAsterisk(redis, dir, clock, twilio, SID, TOKEN);
    admin = server.platformAdmin();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    twilio.close();
  }

  static Stream<Arguments> sameFlowBothChannels() {
    return Stream.of(
        row(
            "clerk does not answer, voicemail",
            TUESDAY_MORNING,
            () ->
                CallerScript.pressing("1", "1")
                    .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                    .recordSeconds(5)),
        row(
            "staff member answers",
            TUESDAY_MORNING,
            () ->
                CallerScript.pressing("1", "3")
                    .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                    .dialOutcome("client:rob-miller", CallerScript.Outcome.ANSWERED)),
        row(
            "Spanish, voicemail",
            TUESDAY_MORNING,
            () ->
                CallerScript.pressing("2", "1")
                    .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                    .recordSeconds(4)),
        row(
            "Spanish, forms by text",
            TUESDAY_MORNING,
            () -> CallerScript.pressing("2", "8").silence()),
        row("after hours", TUESDAY_EVENING, () -> CallerScript.pressing("1").silence()),
        row("queue, callback", TUESDAY_MORNING, () -> CallerScript.pressing("1", "2", "1")),
        row("silent caller", TUESDAY_MORNING, CallerScript::caller),
        row(
            "busy line, then voicemail",
            TUESDAY_MORNING,
            () ->
                CallerScript.pressing("1", "1")
                    .defaultDialOutcome(CallerScript.Outcome.BUSY)
                    .recordSeconds(3, "#")));
  }

  private static Arguments row(String name, Instant at, Supplier<CallerScript> script) {
    return Arguments.of(name, at, script);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void sameFlowBothChannels(String name, Instant at, Supplier<CallerScript> script) {
    clock.set(at);
    CallTranscript viaTwilio =
        twilio.call(
            server.voiceUrl(),
            RESIDENT,
            MAIN,
            script.get().statusCallback(server.voiceUrl() + "/status"));
    JsonObject twilioRecord = eventuallyRecord(viaTwilio.callSid());

    clock.set(at);
    AsteriskCall viaAsterisk = asteriskCall(script.get()).call();
    JsonObject asteriskRecord = record(callIdOf(viaAsterisk));

    assertThat(asteriskRecord.getString("channel")).isEqualTo("asterisk");
    assertThat(twilioRecord.getString("channel")).isEqualTo("twilio");
    for (String field : List.of("path", "outcome", "answeredBy", "language", "from", "to")) {
      assertThat(asteriskRecord.getValue(field)).as(field).isEqualTo(twilioRecord.getValue(field));
    }
    assertThat(heard(viaAsterisk)).isNotEmpty().isEqualTo(viaTwilio.heardTexts());
    assertThat(viaAsterisk.missingSounds()).isEmpty();
  }

  @Test
  void voicemailRecordedThroughAsteriskIsOneMessageLikeATwilioOne() {
    CallerScript script =
        CallerScript.pressing("1", "1")
            .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
            .recordSeconds(5);
    twilio.call(
        server.voiceUrl(), RESIDENT, MAIN, script.statusCallback(server.voiceUrl() + "/status"));
    assertThat(eventually(() -> redis.command("ZCARD " + CLERK_BOX), ":1")).isEqualTo(":1");

    AsteriskCall call =
        asteriskCall(
                CallerScript.pressing("1", "1")
                    .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                    .recordSeconds(5))
            .from("+12075550999")
            .call();

    assertThat(call.recordings()).hasSize(1);
    assertThat(redis.command("ZCARD " + CLERK_BOX)).isEqualTo(":2");
    assertThat(call.recordings().get(0)).doesNotExist();
    JsonArray messages = admin.get(L + "/mailboxes/department-clerk/messages").items();
    JsonObject viaAsterisk = byCaller(messages, "+12075550999");
    JsonObject viaTwilio = byCaller(messages, RESIDENT);
    assertThat(viaAsterisk.fieldNames()).isEqualTo(viaTwilio.fieldNames());
    for (String field : List.of("mailbox", "seconds", "language", "status")) {
      assertThat(viaAsterisk.getValue(field)).as(field).isEqualTo(viaTwilio.getValue(field));
    }
    assertThat(viaAsterisk.getString("callId")).isEqualTo(callIdOf(call));
    Api.Bytes audio =
        admin.getBytes(
            L + "/mailboxes/department-clerk/messages/" + viaAsterisk.getString("id") + "/audio");
    assertThat(audio.status()).isEqualTo(200);
    assertThat(audio.header("Content-Type")).hasValue("audio/wav");
  }

  @Test
  void aQueuedCallerHearsMusicTicksAndOverflowsToVoicemailAfterTheLongestWait() {
    AsteriskCall call = asteriskCall(CallerScript.pressing("1", "2").recordSeconds(4)).call();

    long holds = call.commands().stream().filter(c -> c.startsWith("EXEC MusicOnHold")).count();
    assertThat(holds).isEqualTo(30); // 300 s maxWait in 10 s stretches
    assertThat(heard(call))
        .contains("You are number 1 in line.")
        .contains("To hang up and get a call back without losing your place, press 1.");
    JsonObject record = record(callIdOf(call));
    assertThat(record.getJsonArray("path")).contains("treasurer-queue", "voicemail-treasurer");
    assertThat(record.getString("outcome")).isEqualTo("voicemail");
    assertThat(record.getLong("queueWaitSeconds")).isEqualTo(300L);
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:asterisk-queue:treasurer"))
        .isEqualTo(":0");
  }

  @Test
  void aCallerWhoHangsUpOnHoldLeavesTheQueue() {
    AsteriskCall call =
        asteriskCall(CallerScript.pressing("1", "2"))
            .hangUpDuring(AsteriskCaller.Moment.HOLD)
            .call();

    JsonObject record = assertHungUpAndRecorded(call, 1);
    assertThat(record.getString("outcome")).isEqualTo("abandoned-in-queue");
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:asterisk-queue:treasurer"))
        .isEqualTo(":0");
  }

  @Test
  void callerHangingUpDuringAPromptEndsTheCallWithARecord() {
    AsteriskCall call =
        asteriskCall(CallerScript.caller()).hangUpDuring(AsteriskCaller.Moment.PROMPT).call();

    assertHungUpAndRecorded(call, 1);
  }

  @Test
  void callerHangingUpDuringGetDataEndsTheCallWithARecord() {
    AsteriskCall call =
        asteriskCall(CallerScript.caller()).hangUpDuring(AsteriskCaller.Moment.GET_DATA).call();

    JsonObject record = assertHungUpAndRecorded(call, 1);
    assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("GET DATA "));
    assertThat(record.getJsonArray("path")).containsExactly("welcome");
  }

  @Test
  void callerHangingUpDuringDialEndsTheCallWithARecord() {
    AsteriskCall call =
        asteriskCall(CallerScript.pressing("1", "1"))
            .hangUpDuring(AsteriskCaller.Moment.DIAL)
            .call();

    JsonObject record = assertHungUpAndRecorded(call, 1);
    assertThat(call.dials()).singleElement().asString().contains("PJSIP/");
    assertThat(record.getJsonArray("path")).contains("ring-clerk");
    assertThat(record.containsKey("answeredBy")).isFalse();
  }

  @Test
  void callerHangingUpWhileRecordingStillLeavesTheirMessage() {
    AsteriskCall call =
        asteriskCall(
                CallerScript.pressing("1", "1")
                    .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                    .recordSeconds(6))
            .hangUpDuring(AsteriskCaller.Moment.RECORD)
            .call();

    JsonObject record = assertHungUpAndRecorded(call, 1);
    assertThat(record.getString("outcome")).isEqualTo("voicemail");
    assertThat(redis.command("ZCARD " + CLERK_BOX)).isEqualTo(":1");
  }

  @Test
  void staffWhoseDeskPhoneIsInUseAreNotRung() {
    AsteriskCall free = asteriskCall(CallerScript.pressing("1", "1")).call();
    String clerkDial = free.dials().get(0);
    List<String> deskPhones =
        List.of(clerkDial.split("&")).stream().filter(c -> c.startsWith("PJSIP/")).toList();
    assertThat(deskPhones).isNotEmpty();
    deskPhones.forEach(
        phone -> redis.command("HSET civicline:{t:lakeside}:devices " + phone + " INUSE"));
    // no node's AMI link vouches for those states: unknown, so the phones are still rung
    assertThat(asteriskCall(CallerScript.pressing("1", "1")).call().dials())
        .containsExactly(clerkDial);
    // as a node logged in to the town's Asterisk says while its link lasts
    redis.command(
        "ZADD civicline:{t:lakeside}:devices-live "
            + (System.currentTimeMillis() + 60_000)
            + " pbx1@test-node");

    AsteriskCall busy = asteriskCall(CallerScript.pressing("1", "1")).call();

    assertThat(busy.dials()).isEmpty();
    assertThat(record(callIdOf(busy)).getJsonArray("path")).contains("voicemail-clerk");
    deskPhones.forEach(
        phone -> redis.command("HSET civicline:{t:lakeside}:devices " + phone + " NOT_INUSE"));
    AsteriskCall freeAgain = asteriskCall(CallerScript.pressing("1", "1")).call();
    assertThat(freeAgain.dials()).containsExactly(clerkDial);
  }

  @Test
  void aNodeStoppingMidCallCutsTheCallOffAfterItsGraceAndStillRecordsIt() throws Exception {
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    AsteriskCaller.Builder caller = asteriskCall(CallerScript.caller());
    java.util.concurrent.CompletableFuture<AsteriskCall> running =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> caller.stallAtGetData(stalled::countDown).call());
    assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    server.close();
    server = null;
    AsteriskCall call = running.get(10, java.util.concurrent.TimeUnit.SECONDS);

    // Cut off, not hung up: the dialplan sees CIVICLINE_SESSION without a result ("lost") and
    // runs its fallback for the caller.
    assertThat(call.appHungUp()).isFalse();
    assertThat(call.variables())
        .containsKey("CIVICLINE_SESSION")
        .doesNotContainKey("CIVICLINE_RESULT");
    JsonObject record =
        new JsonObject(redis.command("GET civicline:{t:lakeside}:cdr:" + callIdOf(call)));
    assertThat(record.getString("channel")).isEqualTo("asterisk");
    assertThat(record.getJsonArray("path")).containsExactly("welcome");
  }

  @Test
  void aResidentCalledBackHearsWhoIsCallingInTheirLanguageWhileTheDepartmentIsRung() {
    AsteriskCall call =
        asteriskCall(CallerScript.caller().defaultDialOutcome(CallerScript.Outcome.NO_ANSWER))
            .script("callback?tenant=lakeside&callback=cb-1")
            .variable("CIVICLINE_CALLBACK_QUEUE", "treasurer")
            .variable("CIVICLINE_CALLBACK_LANGUAGE", "es")
            .call();

    assertThat(heard(call))
        .singleElement()
        .asString()
        .isEqualTo(
            "Hola, le llama Lakeside Township para devolverle su llamada. Por favor espere"
                + " mientras le comunicamos.");
    assertThat(call.dials()).singleElement().asString().contains("PJSIP/");
    assertThat(call.appHungUp()).isTrue();
  }

  @Test
  void onlyTheConfiguredAsteriskServersMayHandOverCalls() {
    server.close();
    server =
        RunningServer.withTwilioAndAsterisk(
            redis, dir, clock, twilio, SID, TOKEN, List.of("192.0.2.10"));

    AsteriskCall call =
        AsteriskCaller.to("127.0.0.1", server.agiPort())
            .flow("lakeside", MAIN)
            .uniqueId("intruder-1.1")
            .call();

    assertThat(call.commands()).isEmpty();
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:call:ast-intruder-1.1"))
        .isEqualTo(":0");
  }

  @Test
  void anUnansweredColleagueTakesAMessageInTheirOwnMailbox() {
    JsonObject maria = admin.get(L + "/staff/maria-gonzalez").json();
    AsteriskCall call =
        asteriskCall(CallerScript.caller().recordSeconds(4))
            .script(
                "extension?tenant=lakeside&extension="
                    + maria.getString("extension")
                    + "&dialstatus=NOANSWER&endpoint=102")
            .from("102")
            .call();

    assertThat(heard(call))
        .containsExactly(
            maria.getString("name") + " is not available. Please leave a message after the tone.",
            "Thank you, your message has been saved. Goodbye.");
    assertThat(redis.command("ZCARD civicline:{t:lakeside}:vm:box:staff.maria-gonzalez"))
        .isEqualTo(":1");
    JsonObject message =
        admin.get(L + "/mailboxes/staff-maria-gonzalez/messages").items().getJsonObject(0);
    assertThat(message.getString("from")).isEqualTo("102");
    assertThat(message.getInteger("seconds")).isEqualTo(4);
    assertThat(call.appHungUp()).isTrue();
  }

  @Test
  void staffListenToAndSaveTheirVoicemailByPhoneThroughAsterisk() {
    io.civicline.ops.support.StaffVoicemailLine.setUp(admin);
    asteriskCall(
            CallerScript.pressing("1", "1")
                .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                .recordSeconds(6))
        .call();
    String messageId =
        admin
            .get(L + "/mailboxes/department-clerk/messages")
            .items()
            .getJsonObject(0)
            .getString("id");

    AsteriskCall call =
        asteriskCall(
                CallerScript.pressing(
                    "200#", io.civicline.ops.support.StaffVoicemailLine.CLERK_PIN + "#", "1"))
            .flow("lakeside", io.civicline.ops.support.StaffVoicemailLine.NUMBER)
            .from("+12695550301")
            .call();

    assertThat(heard(call))
        .contains(
            "You have 1 new message.",
            "Message received Tuesday, November 24 at 10:00 AM, from 2 0 7 5 5 5 0 1 2 3.",
            "Message saved.",
            "No more messages. Goodbye.");
    String played =
        RunningServer.SPOOL_ON_ASTERISK + "/messages/lakeside/" + callIdOf(call) + "/" + messageId;
    assertThat(call.sounds()).contains(played);
    assertThat(call.missingSounds()).isEmpty();
    // The copy Asterisk played from is gone with the call.
    assertThat(dir.resolve("spool/messages/lakeside/" + callIdOf(call))).doesNotExist();
    assertThat(redis.command("GET civicline:{t:lakeside}:vm:msg:" + messageId))
        .contains("\"status\":\"heard\"");
    assertThat(String.join("\n", call.commands()))
        .doesNotContain(io.civicline.ops.support.StaffVoicemailLine.CLERK_PIN);
  }

  /** A staff app's live connection, as the staff API's WebSocket will hold it. */
  static final class StaffApp implements io.civicline.mobileapi.events.LiveEvents.Listener {
    final String staffId;
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    StaffApp(String staffId) {
      this.staffId = staffId;
    }

    @Override
    public String staffId() {
      return staffId;
    }

    @Override
    public java.util.Set<String> departments() {
      return java.util.Set.of("clerk");
    }

    @Override
    public void deliver(String sequence, io.civicline.core.events.StaffEvent event) {
      events.add(
          event.type() + " " + event.data().getString("reason", event.data().getString("from")));
    }

    @Override
    public void gap() {}
  }

  @Test
  void staffAppsSeeTheCallRingingAndWhoAnsweredIt() throws Exception {
    assertThat(
            admin
                .put(L + "/presence/tom-becker", new JsonObject().put("status", "available"), null)
                .status())
        .isEqualTo(200);
    try (io.civicline.core.testing.RedisTestBed node =
        io.civicline.core.testing.RedisTestBed.openWithoutFlush(redis)) {
      io.civicline.mobileapi.events.LiveEvents hub =
          new io.civicline.mobileapi.events.LiveEvents(
              node.vertx(),
              node.redis(),
              new io.civicline.mobileapi.events.StaffEventLog(node.redis()));
      StaffApp maria = new StaffApp("maria-gonzalez");
      StaffApp tom = new StaffApp("tom-becker");
      io.civicline.core.testing.RedisTestBed.await(
          hub.subscribe("lakeside", maria, java.util.Optional.empty()));
      io.civicline.core.testing.RedisTestBed.await(
          hub.subscribe("lakeside", tom, java.util.Optional.empty()));

      asteriskCall(
              CallerScript.pressing("1", "1")
                  .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                  .dialOutcome("client:tom-becker", CallerScript.Outcome.ANSWERED))
          .call();

      eventually(() -> String.valueOf(maria.events.size() + tom.events.size()), "4");
      assertThat(maria.events)
          .containsExactly("call.ringing " + RESIDENT, "call.ringing-ended answered-elsewhere");
      assertThat(tom.events)
          .containsExactly("call.ringing " + RESIDENT, "call.ringing-ended answered");

      // Nobody answers the next call: both stop ringing, then the Clerk's office hears of the
      // message left.
      asteriskCall(
              CallerScript.pressing("1", "1")
                  .defaultDialOutcome(CallerScript.Outcome.NO_ANSWER)
                  .recordSeconds(3))
          .from("+12075550777")
          .call();
      eventually(() -> String.valueOf(maria.events.size() + tom.events.size()), "10");
      for (StaffApp app : List.of(maria, tom)) {
        assertThat(app.events.subList(2, 5))
            .containsExactly(
                "call.ringing +12075550777",
                "call.ringing-ended not-answered",
                "voicemail.new +12075550777");
      }
      hub.close();
    }
  }

  @Test
  void doNotDisturbUntilAnHourKeepsAClerksPhonesQuietTillThen() {
    Api.Response set =
        admin.put(
            L + "/presence/maria-gonzalez",
            new JsonObject()
                .put("status", "do-not-disturb")
                .put("until", TUESDAY_MORNING.plusSeconds(3600).toString()),
            null);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().getString("until")).isEqualTo("2026-11-24T16:00:00Z");

    String mariasPhone =
        "PJSIP/" + admin.get(L + "/staff/maria-gonzalez").json().getString("extension");
    AsteriskCall quiet = asteriskCall(CallerScript.pressing("1", "1")).call();
    assertThat(String.join("&", quiet.dials())).doesNotContain(mariasPhone);

    clock.set(TUESDAY_MORNING.plusSeconds(3600));
    AsteriskCall rung = asteriskCall(CallerScript.pressing("1", "1")).call();
    assertThat(rung.dials()).singleElement().asString().contains(mariasPhone);
    Api.Response bad =
        admin.put(
            L + "/presence/maria-gonzalez",
            new JsonObject().put("status", "do-not-disturb").put("until", "after lunch"),
            null);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("#/until");
  }

  @Test
  void aNumberOfAnotherTownIsNotServedAndLeavesNoTrace() {
    AsteriskCall call =
        AsteriskCaller.to("127.0.0.1", server.agiPort())
            .flow("riverton", MAIN)
            .from(RESIDENT)
            .uniqueId("riverton-1.1")
            .call();

    assertThat(call.sounds()).containsExactly("ss-noservice");
    assertThat(call.appHungUp()).isTrue();
    assertThat(admin.get(L + "/calls?limit=10").items()).isEmpty();
    assertThat(redis.command("EXISTS civicline:{t:lakeside}:call:ast-riverton-1.1"))
        .isEqualTo(":0");
  }

  @Test
  void theChannelIsMarkedAsTakenBeforeAnythingElse() {
    AsteriskCall call = asteriskCall(CallerScript.pressing("1").silence()).call();

    assertThat(call.commands().get(0))
        .isEqualTo("SET VARIABLE CIVICLINE_SESSION \"" + callIdOf(call) + "\"");
    assertThat(call.commands().get(1)).isEqualTo("ANSWER");
    assertThat(call.appHungUp()).isTrue();
  }

  private JsonObject assertHungUpAndRecorded(AsteriskCall call, int expectedRecords) {
    assertThat(call.callerHungUp()).isTrue();
    assertThat(call.appHungUp()).isFalse();
    JsonArray records = admin.get(L + "/calls?limit=10").items();
    assertThat(records).hasSize(expectedRecords);
    JsonObject record = record(callIdOf(call));
    assertThat(record.getString("endedAt")).isEqualTo(clock.instant().toString());
    JsonObject state =
        new JsonObject(
            redis.command("HGET civicline:{t:lakeside}:call:" + callIdOf(call) + " state"));
    assertThat(state.getString("outcome")).isNotNull();
    assertThat(eventually(() -> String.valueOf(server.server().agiActiveCalls()), "0"))
        .isEqualTo("0");
    return record;
  }

  private AsteriskCaller.Builder asteriskCall(CallerScript script) {
    AsteriskCaller.Builder builder =
        AsteriskCaller.to("127.0.0.1", server.agiPort())
            .flow("lakeside", MAIN)
            .from(RESIDENT)
            .uniqueId("pbx1-1795394709." + (++calls))
            .following(script)
            .spool(RunningServer.SPOOL_ON_ASTERISK, dir.resolve("spool"))
            .onHold(seconds -> clock.advance(Duration.ofSeconds(seconds)));
    for (Object staff : admin.get(L + "/staff?limit=100").items()) {
      JsonObject member = (JsonObject) staff;
      builder.endpoint(
          "PJSIP/" + member.getString("extension"), "client:" + member.getString("id"));
    }
    return builder;
  }

  private static String callIdOf(AsteriskCall call) {
    return call.variables().get("CIVICLINE_SESSION");
  }

  /** The texts of the prompts played: the test's text-to-speech writes each text into its file. */
  private List<String> heard(AsteriskCall call) {
    List<String> texts = new ArrayList<>();
    String prefix = RunningServer.SPOOL_ON_ASTERISK + "/";
    for (String sound : call.sounds()) {
      if (sound.startsWith(prefix + "tts/")) {
        Path file = dir.resolve("spool").resolve(sound.substring(prefix.length()) + ".wav");
        try {
          texts.add(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return texts;
  }

  private JsonObject record(String callId) {
    return admin.get(L + "/calls?limit=50").items().stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("id").equals(callId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call record for " + callId));
  }

  /** Twilio's status callback arrives beside the call: wait (bounded) for its record. */
  private JsonObject eventuallyRecord(String callId) {
    for (int attempt = 0; attempt < 50; attempt++) {
      Api.Response found = admin.get(L + "/calls/" + callId);
      if (found.status() == 200 && found.json().containsKey("endedAt")) {
        return found.json();
      }
      sleep();
    }
    return record(callId);
  }

  private static JsonObject byCaller(JsonArray messages, String from) {
    return messages.stream()
        .map(JsonObject.class::cast)
        .filter(m -> from.equals(m.getString("from")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message from " + from + " in " + messages));
  }

  private static String eventually(Supplier<String> read, String expected) {
    String value = read.get();
    for (int attempt = 0; attempt < 50 && !value.equals(expected); attempt++) {
      sleep();
      value = read.get();
    }
    return value;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
