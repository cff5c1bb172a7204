package io.civicline.signaling.sms;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.context.FlowCache;
import io.civicline.signaling.store.FlowStore;
import io.civicline.signaling.store.NumberDirectory;
import io.civicline.signaling.store.NumberRegistry;
import io.civicline.signaling.twilio.TwilioRest;
import io.civicline.signaling.twilio.TwilioSettings;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.civicline.testkit.twilio.TwilioStandIn;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Texting through real HTTP: the Twilio stand-in plays the resident (signed webhooks) and Twilio's
 * REST API (texts sent, delivery reports), against the texting webhooks on a Vert.x server and real
 * Redis. The sender is drained by hand at instants of a test clock, so pacing and back-off are
 * checked by the clock's readings, never by waiting.
 */
@ExtendWith(RedisExtension.class)
class SmsEndToEndTest {
  static final String SID = "AC" + "0123456789abcdef".repeat(2);
  static final String TOKEN = "sms-auth-token-0123456789abcdef";

  /** Tuesday 2026-11-24, 10:00 in Lakeside (America/Detroit): offices open. */
  static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T15:00:00Z");

  /** The same Tuesday, 20:00: offices closed. */
  static final Instant TUESDAY_EVENING = Instant.parse("2026-11-25T01:00:00Z");

  static final long MAX_MEDIA = 1024;

  private final RedisServer server;
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path mediaDir;
  private MediaStore mediaStore;
  private RedisTestBed bed;
  private TwilioStandIn twilio;
  private HttpServer http;
  private TestClock clock;
  private SmsChannel sms;
  private String webhook;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  /** A text handed to Twilio, and the clock's reading when it was. */
  record Sent(Instant at, String from, String to, String body) {}

  SmsEndToEndTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    clock = new TestClock(TUESDAY_MORNING);
    twilio = TwilioStandIn.start(SID, TOKEN);
    DocumentStore documents = new DocumentStore(bed.redis(), clock);
    NumberRegistry registry = new NumberRegistry(bed.redis(), clock);
    SmsTown.seed(documents, registry);
    Router router = Router.router(bed.vertx());
    http = await(bed.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    String base = "http://127.0.0.1:" + http.actualPort();
    webhook = base + SmsWebhooks.PREFIX;
    TwilioSettings settings = new TwilioSettings(SID, Secret.of(TOKEN), base, twilio.baseUrl());
    TwilioRest rest = new TwilioRest(bed.vertx(), settings);
    SmsTransport recording =
        (from, to, body, callback) -> {
          sent.add(new Sent(clock.instant(), from, to, body));
          return rest.sendSms(from, to, body, callback);
        };
    ThreadListener listener =
        new ThreadListener() {
          @Override
          public void onInbound(
              String tenant, String department, SmsThread thread, SmsMessage message) {
            heard.add(department + ": " + message.body());
          }

          @Override
          public void onStatus(String tenant, SmsMessage message) {
            heard.add("status " + message.status() + ": " + message.body());
          }
        };
    SmsSettings defaults = SmsSettings.defaults(base);
    SmsSettings smsSettings =
        new SmsSettings(
            base,
            defaults.pacePerNumber(),
            defaults.sendLease(),
            defaults.tick(),
            defaults.maxAttempts(),
            defaults.firstBackoff(),
            defaults.maxBackoff(),
            defaults.autoReplyGap(),
            defaults.conversationWindow(),
            MAX_MEDIA,
            defaults.mediaTypes());
    mediaStore = new FileMediaStore(bed.vertx(), mediaDir);
    sms =
        SmsChannel.create(
            bed.vertx(),
            bed.redis(),
            settings,
            smsSettings,
            new SmsChannel.Parts(
                new NumberDirectory(registry, documents, bed.redis()),
                new CallContextLoader(
                    documents, new FlowStore(documents, bed.redis()), new FlowCache(16)),
                documents,
                new TwilioMediaIntake(bed.vertx(), settings, mediaStore, smsSettings),
                listener),
            recording,
            clock);
    sms.mount(router);
  }

  @AfterEach
  void stop() {
    await(http.close());
    twilio.close();
    bed.close();
  }

  private TwilioStandIn.InboundText text(String body) {
    TwilioStandIn.InboundText text = twilio.text(webhook, SmsTown.RESIDENT, SmsTown.MAIN, body);
    assertThat(text.reply().status()).as(text.reply().body()).isEqualTo(200);
    return text;
  }

  private int drain() {
    return await(sms.sender().drainOnce());
  }

  private SmsMessage message(String id) {
    return await(sms.service().message(SmsTown.TENANT, id)).orElseThrow();
  }

  private SmsMessage reply(String threadId, String body) {
    return await(
        sms.service().reply(SmsTown.TENANT, threadId, body, "rob-miller", Optional.empty()));
  }

  private List<SmsMessage> messages(String threadId) {
    return await(sms.service().messages(SmsTown.TENANT, threadId, 50));
  }

  static final String WORKS = SmsThread.id("public-works", SmsTown.RESIDENT);
  static final String CLERK = SmsThread.id("clerk", SmsTown.RESIDENT);

  @Test
  void aPotholeTextReachesPublicWorksAndTheStaffReplyIsDelivered() {
    text("pothole on Main St");

    SmsThread thread =
        await(sms.service().threads(SmsTown.TENANT, "public-works", 0, 10)).getFirst();
    assertThat(thread.id()).isEqualTo(WORKS);
    assertThat(thread.resident()).isEqualTo(SmsTown.RESIDENT);
    assertThat(thread.townNumber()).isEqualTo(SmsTown.MAIN);
    assertThat(heard).containsExactly("public-works: pothole on Main St");
    assertThat(await(sms.service().threads(SmsTown.TENANT, "clerk", 0, 10))).isEmpty();

    SmsMessage reply = reply(WORKS, "Thanks, a crew is on its way.");
    assertThat(reply.status()).isEqualTo("pending");
    assertThat(drain()).isEqualTo(1);

    assertThat(twilio.sentMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.from()).isEqualTo(SmsTown.MAIN);
              assertThat(m.to()).isEqualTo(SmsTown.RESIDENT);
              assertThat(m.body()).isEqualTo("Thanks, a crew is on its way.");
              assertThat(m.statusCallback()).endsWith("/twilio/sms/lakeside/status/" + reply.id());
            });
    String twilioSid = twilio.sentMessages().getFirst().sid();
    assertThat(message(reply.id()).status()).isEqualTo("queued");
    assertThat(message(reply.id()).twilioSid()).contains(twilioSid);

    assertThat(twilio.reportStatus(twilioSid, "sent", null).status()).isEqualTo(204);
    assertThat(twilio.reportStatus(twilioSid, "delivered", null).status()).isEqualTo(204);
    // A late report never undoes a later state.
    assertThat(twilio.reportStatus(twilioSid, "sent", null).status()).isEqualTo(204);

    assertThat(message(reply.id()).status()).isEqualTo("delivered");
    assertThat(messages(WORKS))
        .extracting(SmsMessage::body)
        .containsExactly("Thanks, a crew is on its way.", "pothole on Main St");
    assertThat(heard).contains("status delivered: Thanks, a crew is on its way.");
  }

  @Test
  void aFailedDeliveryKeepsTwilioErrorCode() {
    text("pothole");
    SmsMessage reply = reply(WORKS, "On it.");
    drain();

    twilio.reportStatus(twilio.sentMessages().getFirst().sid(), "undelivered", "30006");

    SmsMessage stored = message(reply.id());
    assertThat(stored.status()).isEqualTo("undelivered");
    assertThat(stored.errorCode()).contains("30006");
  }

  @Test
  void afterStopNothingIsSentUntilStart() {
    text("pothole");
    // Queued before the resident's STOP, sent after it: must still not go out.
    SmsMessage queuedBefore = reply(WORKS, "We will fix it today.");
    text("STOP");

    assertThat(await(sms.store().optedOut(SmsTown.TENANT, SmsTown.MAIN, SmsTown.RESIDENT)))
        .isTrue();
    assertThatThrownBy(() -> reply(WORKS, "Are you still there?"))
        .isInstanceOf(OptedOutException.class);
    drain();
    assertThat(twilio.sentMessages()).isEmpty();
    assertThat(sent).isEmpty();
    SmsMessage blocked = message(queuedBefore.id());
    assertThat(blocked.status()).isEqualTo("failed");
    assertThat(blocked.errorCode()).contains("21610");
    // STOP itself is a message of the conversation, so staff see why their replies fail.
    assertThat(messages(WORKS)).extracting(SmsMessage::kind).startsWith("stop");

    text("START");
    drain();
    assertThat(twilio.sentMessages())
        .singleElement()
        .satisfies(m -> assertThat(m.body()).startsWith("You will get texts from this number"));

    reply(WORKS, "Welcome back.");
    clock.advance(Duration.ofSeconds(1));
    drain();
    assertThat(twilio.sentMessages()).extracting(m -> m.body()).contains("Welcome back.");
  }

  @Test
  void helpIsAnsweredWithTheTownsHelpText() {
    text("help");
    drain();

    assertThat(twilio.sentMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo(SmsTown.HELP_EN);
              assertThat(m.to()).isEqualTo(SmsTown.RESIDENT);
            });
    assertThat(messages(CLERK)).extracting(SmsMessage::kind).containsExactly("help", "help");
  }

  @Test
  void aRetriedWebhookIsStoredAndAnsweredOnce() {
    clock.set(TUESDAY_EVENING);
    TwilioStandIn.InboundText first = text("pothole on Elm");

    TwilioStandIn.WebhookReply again = twilio.redeliver(webhook, first);

    assertThat(again.status()).isEqualTo(200);
    drain();
    assertThat(messages(WORKS)).extracting(SmsMessage::kind).containsExactly("auto-reply", "text");
    assertThat(heard.stream().filter(h -> !h.startsWith("status ")))
        .containsExactly("public-works: pothole on Elm");
    assertThat(twilio.sentMessages()).hasSize(1);
  }

  @Test
  void aForgedSignatureIsRefusedBeforeAnythingIsStored() {
    TwilioStandIn.InboundText real = text("pothole");
    bed.redis(); // the real text is stored; now a forged one with other content
    java.util.Map<String, String> forged = new java.util.LinkedHashMap<>(real.params());
    forged.put("MessageSid", "SM" + "f".repeat(32));
    forged.put("Body", "STOP");

    TwilioStandIn.WebhookReply reply =
        twilio.postWithSignature(webhook, forged, "bm90IGEgc2lnbmF0dXJl");
    TwilioStandIn.WebhookReply unsigned =
        twilio.postWithSignature(
            webhook + "/lakeside/status/out-1", java.util.Map.of("MessageStatus", "failed"), "");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(server.command("EXISTS civicline:{t:lakeside}:sms:msg:SM" + "f".repeat(32)))
        .isEqualTo(":0");
    assertThat(await(sms.store().optedOut(SmsTown.TENANT, SmsTown.MAIN, SmsTown.RESIDENT)))
        .isFalse();
    assertThat(messages(WORKS)).hasSize(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void aClosedDepartmentAnswersASpanishTextInSpanishWithItsHours() {
    clock.set(TUESDAY_EVENING);

    text("Hay un bache en la calle Main");
    drain();

    assertThat(twilio.sentMessages())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.body())
                    .isEqualTo(
                        "Gracias por su mensaje. Ahora estamos cerrados y le responderemos"
                            + " cuando volvamos a abrir. Nuestro horario: lun-vie 8:30-16:30."));
    assertThat(await(sms.service().thread(SmsTown.TENANT, WORKS)).orElseThrow().language())
        .isEqualTo("es");
    // One auto-reply per thread while closed, however many texts follow; the follow-up without a
    // keyword stays in the Public Works thread.
    text("es urgente");
    assertThat(messages(WORKS)).extracting(SmsMessage::body).first().isEqualTo("es urgente");
    clock.advance(Duration.ofSeconds(5));
    drain();
    assertThat(twilio.sentMessages()).hasSize(1);
  }

  @Test
  void anOpenDepartmentGetsNoAutoReply() {
    text("pothole");
    drain();

    assertThat(twilio.sentMessages()).isEmpty();
  }

  @Test
  void aBurstOfRepliesLeavesOnePerSecondInOrder() {
    text("pothole");
    for (int i = 1; i <= 5; i++) {
      reply(WORKS, "update " + i);
    }

    for (int step = 0; step < 40 && sent.size() < 5; step++) {
      drain();
      clock.advance(Duration.ofMillis(250));
    }

    assertThat(sent)
        .extracting(Sent::body)
        .containsExactly("update 1", "update 2", "update 3", "update 4", "update 5");
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < sent.size(); i++) {
      gaps.add(Duration.between(sent.get(i - 1).at(), sent.get(i).at()).toMillis());
    }
    assertThat(gaps).containsExactly(1000L, 1000L, 1000L, 1000L);
    assertThat(twilio.sentMessages())
        .extracting(m -> m.body())
        .containsExactly("update 1", "update 2", "update 3", "update 4", "update 5");
  }

  @Test
  void twilioOutagesAreRetriedWithBackOffAndRefusalsAreFinal() {
    text("pothole");
    SmsMessage retried = reply(WORKS, "first");
    // The SDK itself retries a 5xx three times at once; after that CivicLine backs off.
    twilio.failNext("Messages\\.json", 503, 3);

    drain();
    assertThat(twilio.sentMessages()).isEmpty();
    assertThat(message(retried.id()).status()).isEqualTo("pending");
    clock.advance(Duration.ofMillis(1999));
    drain();
    assertThat(twilio.sentMessages()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    drain();
    assertThat(twilio.sentMessages()).extracting(m -> m.body()).containsExactly("first");

    SmsMessage refused = reply(WORKS, "second");
    twilio.failNext("Messages\\.json", 400, 1);
    clock.advance(Duration.ofSeconds(1));
    drain();
    SmsMessage failed = message(refused.id());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.errorCode()).contains("20400");
    clock.advance(Duration.ofSeconds(60));
    drain();
    assertThat(twilio.sentMessages()).hasSize(1);
  }

  @Test
  void mmsAttachmentsAreKeptWhenAllowedAndSmallEnough() {
    byte[] photo = new byte[700];
    new java.util.Random(7).nextBytes(photo);
    TwilioStandIn.InboundText text =
        twilio.text(
            webhook,
            SmsTown.RESIDENT,
            SmsTown.MAIN,
            "pothole, see photo",
            new TwilioStandIn.Media("image/jpeg", photo),
            new TwilioStandIn.Media("text/html", "<p>hi</p>".getBytes()),
            new TwilioStandIn.Media("image/png", new byte[(int) MAX_MEDIA + 1]));
    assertThat(text.reply().status()).isEqualTo(200);

    SmsMessage stored = message(text.messageSid());
    io.vertx.core.json.JsonArray media = stored.media();
    assertThat(media.size()).isEqualTo(3);
    io.vertx.core.json.JsonObject kept = media.getJsonObject(0);
    assertThat(kept.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(kept.getLong("bytes")).isEqualTo(700L);
    assertThat(await(mediaStore.read(kept.getString("key"), kept.getString("sha256"))))
        .isEqualTo(photo);
    assertThat(media.getJsonObject(1).getString("error")).contains("text/html is not kept");
    assertThat(media.getJsonObject(2).getString("error")).contains("larger than 1024 bytes");
    // The refused type was never downloaded; the two others were, from URLs built by CivicLine.
    assertThat(twilio.requests())
        .filteredOn(r -> r.path().contains("/Media/"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.path()).contains("/Messages/" + text.messageSid()));
  }
}
