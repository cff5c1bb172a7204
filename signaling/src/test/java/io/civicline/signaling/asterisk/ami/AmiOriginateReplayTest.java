package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.awaitFailure;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.ids;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.asterisk.AmiPeer;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Originate outcomes, replayed byte for byte against {@code ami-originate}. */
class AmiOriginateReplayTest {
  private static final String CALLER_ID = "\"Capture Test\" <+4930999999>";
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void asyncOriginatesCompleteOnTheirOriginateResponseAndErrorsCarryAsterisksMessage() {
    try (AmiPeer peer = AmiPeer.start("ami-originate")) {
      AmiClient client =
          new AmiClient(
              vertx,
              server(peer),
              options(
                  ids(
                      "login-1",
                      "filter-1",
                      "orig-async-answered",
                      "orig-async-busy",
                      "orig-async-noanswer",
                      "orig-async-badtech",
                      "orig-sync-answered",
                      "orig-sync-busy",
                      "orig-no-channel",
                      "logoff-1"),
                  "on"));
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);

      await(
          client.send(
              AmiAction.of("Filter")
                  .with("Operation", "Add")
                  .with("Filter", "Event: OriginateResponse")));
      OriginateResult answered = await(client.originateAction(waitApp("Local/100@staff", true)));
      OriginateResult busy = await(client.originateAction(waitApp("Local/400@staff", true)));
      OriginateResult noAnswer =
          await(
              client.originateAction(
                  AmiAction.of("Originate")
                      .with("Channel", "Local/500@staff")
                      .with("Context", "test-caller")
                      .with("Exten", "silent")
                      .with("Priority", "1")
                      .with("Timeout", "4000")
                      .with("Async", "true")
                      .with("CallerID", CALLER_ID)));
      OriginateResult badTech =
          await(
              client.originateAction(
                  AmiAction.of("Originate")
                      .with("Channel", "Bogus/123")
                      .with("Application", "Wait")
                      .with("Data", "1")
                      .with("Async", "true")
                      .with("CallerID", CALLER_ID)));
      AmiMessage syncAnswered = await(client.send(waitApp("Local/100@staff", false)));
      Throwable syncBusy = awaitFailure(client.send(waitApp("Local/400@staff", false)));
      Throwable noChannel =
          awaitFailure(
              client.send(AmiAction.of("Originate").with("Application", "Wait").with("Data", "1")));
      await(client.close());

      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(answered)
          .isEqualTo(
              new OriginateResult(
                  "orig-async-answered", true, 4, "Local/100@staff-00000017;1", "1795394874.47"));
      assertThat(answered.reasonText()).isEqualTo("answered");
      assertThat(busy.success()).isFalse();
      assertThat(busy.reason()).isEqualTo(5);
      assertThat(busy.uniqueId()).isNull();
      assertThat(busy.reasonText()).isEqualTo("busy");
      assertThat(noAnswer.reason()).isEqualTo(3);
      assertThat(noAnswer.actionId()).isEqualTo("orig-async-noanswer");
      assertThat(badTech.reason()).isEqualTo(0);
      assertThat(badTech.channel()).isEqualTo("Bogus/123");
      assertThat(syncAnswered.message()).isEqualTo("Originate successfully queued");
      assertThat(syncBusy).isInstanceOf(AmiErrorException.class);
      assertThat(((AmiErrorException) syncBusy).amiMessage()).isEqualTo("Originate failed");
      assertThat(((AmiErrorException) noChannel).amiMessage()).isEqualTo("Channel not specified");
    }
  }

  @Test
  void anOriginateInFlightFailsWhenTheConnectionIsLost() {
    // Cut right after "Originate successfully queued": the OriginateResponse never comes.
    io.civicline.testkit.asterisk.Transcript t =
        io.civicline.testkit.asterisk.Transcript.load("ami-originate");
    int cut = AmiTestSupport.offsetAfter(t, "Originate successfully queued\r\n\r\n");
    try (AmiPeer peer =
        AmiPeer.start(
            t, io.civicline.testkit.asterisk.ReplayOptions.strict().dropAfterAsteriskBytes(cut))) {
      AmiClient client =
          new AmiClient(
              vertx,
              server(peer),
              options(ids("login-1", "filter-1", "orig-async-answered"), "on")
                  .withBackoff(failures -> Duration.ofMinutes(10)));
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);
      await(
          client.send(
              AmiAction.of("Filter")
                  .with("Operation", "Add")
                  .with("Filter", "Event: OriginateResponse")));

      Throwable lost = awaitFailure(client.originateAction(waitApp("Local/100@staff", true)));
      Throwable notConnected = awaitFailure(client.send(AmiAction.of("Ping")));
      await(client.close());

      assertThat(lost).isInstanceOf(AmiDisconnectedException.class);
      assertThat(lost.getMessage()).contains("outcome unknown");
      assertThat(notConnected).isInstanceOf(AmiDisconnectedException.class);
    }
  }

  private static AmiAction waitApp(String channel, boolean async) {
    AmiAction action =
        AmiAction.of("Originate")
            .with("Channel", channel)
            .with("Application", "Wait")
            .with("Data", "1")
            .with("Timeout", "15000");
    if (async) {
      action = action.with("Async", "true");
    }
    return action.with("CallerID", CALLER_ID);
  }
}
