package io.civicline.signaling.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.DialTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwimlRendererTest {
  private final CallUrls urls = new CallUrls("https://phones.example", "lakeside", "CA123");

  @Test
  void speaksEachLanguageWithAVoiceThatSpeaksIt() {
    String xml =
        TwimlRenderer.render(
            List.of(new Action.Say("Bienvenido", "es"), new Action.Say("Welcome", "en")),
            urls,
            false);
    assertThat(xml)
        .contains("<Say language=\"es-US\" voice=\"Polly.Lupe\">Bienvenido</Say>")
        .contains("<Say language=\"en-US\" voice=\"Polly.Joanna\">Welcome</Say>");
  }

  @Test
  void gathersWithItsPromptInsideAndAlwaysReportsBack() {
    Action.Gather gather =
        new Action.Gather(
            List.of(new Action.Say("Press 1", "en")), 1, 5, "en", List.of("clerk", "taxes"));
    String xml = TwimlRenderer.render(List.of(gather), urls, false);
    assertThat(xml)
        .contains("action=\"https://phones.example/twilio/voice/lakeside/calls/CA123/gather\"")
        .contains("actionOnEmptyResult=\"true\"")
        .contains("hints=\"clerk,taxes\"")
        .contains("input=\"dtmf speech\"")
        .contains("numDigits=\"1\"")
        .containsPattern("<Gather[^>]*>\\s*<Say[^>]*>Press 1</Say>\\s*</Gather>");
  }

  @Test
  void dialsAppsAndPhonesAndReportsTheOutcome() {
    Action.Dial dial =
        new Action.Dial(
            List.of(DialTarget.client("maria"), DialTarget.number("+12695550111", "maria")),
            20,
            "+12075550123");
    String xml = TwimlRenderer.render(List.of(dial), urls, false);
    assertThat(xml)
        .contains("action=\"https://phones.example/twilio/voice/lakeside/calls/CA123/dial\"")
        .contains("timeout=\"20\"")
        .contains("callerId=\"+12075550123\"")
        .containsPattern("<Client [^>]*>maria</Client>")
        .containsPattern("<Number [^>]*>\\+12695550111</Number>");
    // Each staff leg reports its answer and end, so the member shows as on a call meanwhile.
    String leg =
        "statusCallback=\"https://phones.example/twilio/voice/lakeside/calls/CA123/leg?staff=maria\"";
    String events = "statusCallbackEvent=\"answered completed\"";
    assertThat(xml).containsSubsequence(leg, events, "maria</Client>", leg, events, "</Number>");
  }

  @Test
  void queuesPerTenantAndRecordsWithTheMailboxInTheCallback() {
    String xml =
        TwimlRenderer.render(
            List.of(new Action.Enqueue("treasurer"), new Action.Record("department:clerk", 120)),
            urls,
            false);
    assertThat(xml)
        .contains(">lakeside.treasurer</Enqueue>")
        .contains("waitUrl=\"https://phones.example/twilio/voice/lakeside/calls/CA123/queue-wait\"")
        .contains("maxLength=\"120\"")
        .contains(
            "recordingStatusCallback=\"https://phones.example/twilio/voice/lakeside/calls/CA123/recording?mailbox=department%3Aclerk\"");
  }

  @Test
  void sideEffectsAreNotTwimlAndAnEmptyWaitPauses() {
    String xml =
        TwimlRenderer.render(
            List.of(
                new Action.SendSms("+12075550123", "link"),
                new Action.RequestCallback("treasurer", "+12075550123", Instant.EPOCH, "en")),
            urls,
            true);
    assertThat(xml).contains("<Pause length=\"10\"/>").doesNotContain("link");
  }

  @Test
  void webhooksBecomeEvents() {
    assertThat(TwilioEvents.map("gather", Map.of("Digits", "2"), Optional.empty()))
        .isEqualTo(new CallEvent.Digits("2"));
    assertThat(TwilioEvents.map("gather", Map.of("SpeechResult", "the clerk"), Optional.empty()))
        .isEqualTo(new CallEvent.Speech("the clerk"));
    assertThat(TwilioEvents.map("gather", Map.of(), Optional.empty()))
        .isEqualTo(new CallEvent.NoInput());
    assertThat(
            TwilioEvents.map(
                "gather", Map.of("Digits", "", "FinishedOnKey", "#"), Optional.empty()))
        .isEqualTo(new CallEvent.Digits("#"));
    assertThat(TwilioEvents.map("dial", Map.of("DialCallStatus", "no-answer"), Optional.empty()))
        .isEqualTo(CallEvent.DialEnded.notAnswered(CallEvent.DialStatus.NO_ANSWER));
    assertThat(
            TwilioEvents.map("dial", Map.of("DialCallStatus", "completed"), Optional.of("maria")))
        .isEqualTo(CallEvent.DialEnded.answered("maria"));
    assertThat(
            TwilioEvents.map(
                "queue-wait",
                Map.of("QueuePosition", "3", "QueueTime", "65", "AvgQueueTime", "120"),
                Optional.empty()))
        .isEqualTo(new CallEvent.QueueWait(3, 65, 120));
    assertThat(TwilioEvents.map("queue-exit", Map.of("QueueResult", "bridged"), Optional.empty()))
        .isEqualTo(new CallEvent.QueueExited(CallEvent.QueueExit.BRIDGED, Optional.empty()));
    assertThat(
            TwilioEvents.map(
                "record",
                Map.of("RecordingSid", "RE1", "RecordingDuration", "7"),
                Optional.empty()))
        .isEqualTo(new CallEvent.RecordingDone("RE1", 7));
  }
}
