package io.civicline.testkit.twilio;

import static io.civicline.testkit.twilio.TwilioStandInCallTest.ACCOUNT;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.RESIDENT;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.TOKEN;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.TOWN_HALL;
import static io.civicline.testkit.twilio.TwilioStandInCallTest.twiml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.civicline.testkit.twilio.CallerScript.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioStandInRestTest {
  TwilioStandIn twilio;
  WebhookApp app;
  TwilioRestClient client;

  @BeforeEach
  void start() {
    twilio = TwilioStandIn.start(ACCOUNT, TOKEN);
    app = WebhookApp.start(TOKEN);
    client = clientWith(TOKEN);
  }

  @AfterEach
  void stop() {
    app.close();
    twilio.close();
  }

  TwilioRestClient clientWith(String token) {
    return new TwilioRestClient.Builder(ACCOUNT, token)
        .httpClient(new StandInHttpClient(twilio.baseUrl()))
        .build();
  }

  @Test
  void realSdkCreatesAnOutboundCallThatIsDriven() {
    app.twiml(
            "/callback",
            twiml(
                "<Gather numDigits=\"1\" action=\"/callback-choice\">"
                    + "<Say>The clerk is returning your call. Press 1 to connect.</Say></Gather>"))
        .twiml("/callback-choice", twiml("<Say>Connecting.</Say>"))
        .twiml("/call-status", "");
    twilio.answer(RESIDENT, CallerScript.pressing("1"));

    Call call =
        Call.creator(
                new PhoneNumber(RESIDENT),
                new PhoneNumber(TOWN_HALL),
                URI.create(app.url("/callback")))
            .setStatusCallback(URI.create(app.url("/call-status")))
            .create(client);

    assertThat(call.getSid()).matches("CA[0-9a-f]{32}");
    assertThat(call.getStatus()).isEqualTo(Call.Status.QUEUED);
    assertThat(call.getTo()).isEqualTo(RESIDENT);
    assertThat(call.getDateCreated()).isNotNull();
    CallTranscript transcript = twilio.awaitCall(call.getSid(), Duration.ofSeconds(10));
    assertThat(app.rejected()).isEmpty();
    assertThat(app.hits("/callback").get(0).params())
        .containsEntry("Direction", "outbound-api")
        .containsEntry("CallStatus", "in-progress")
        .containsEntry("To", RESIDENT)
        .containsEntry("From", TOWN_HALL);
    assertThat(app.hits("/callback-choice").get(0).param("Digits")).isEqualTo("1");
    assertThat(transcript.heardTexts()).endsWith("Connecting.");
    assertThat(app.hits("/call-status").get(0).param("CallStatus")).isEqualTo("completed");
    assertThat(Call.fetcher(call.getSid()).fetch(client).getStatus())
        .isEqualTo(Call.Status.COMPLETED);
    assertThat(twilio.requests().get(0).params())
        .containsEntry("To", RESIDENT)
        .containsEntry("Url", app.url("/callback"));
  }

  @Test
  void busyCalleeGetsNoTwimlRequestOnlyTheStatusCallback() {
    app.twiml("/callback", twiml("<Say>never</Say>")).twiml("/call-status", "");
    twilio.dontAnswer(RESIDENT, Outcome.BUSY);

    Call call =
        Call.creator(
                new PhoneNumber(RESIDENT),
                new PhoneNumber(TOWN_HALL),
                URI.create(app.url("/callback")))
            .setStatusCallback(URI.create(app.url("/call-status")))
            .create(client);

    CallTranscript transcript = twilio.awaitCall(call.getSid(), Duration.ofSeconds(10));
    assertThat(transcript.finalStatus()).isEqualTo("busy");
    assertThat(app.hits("/callback")).isEmpty();
    assertThat(app.hits("/call-status").get(0).param("CallStatus")).isEqualTo("busy");
  }

  @Test
  void modifyingALiveCallRedirectsItOutOfTheQueue() {
    app.twiml(
            "/voice",
            twiml("<Enqueue waitUrl=\"/wait\" action=\"/queue-done\">front-desk</Enqueue>"))
        .twiml("/wait", twiml("<Say>Please hold.</Say>"))
        .twiml("/queue-done", "")
        .twiml("/agent", twiml("<Say>You are connected to the clerk.</Say>"));
    Thread.ofVirtual()
        .start(
            () -> {
              // Like an agent accepting: wait until the caller is in the queue, then redirect.
              while (app.hits("/wait").isEmpty()) {
                Thread.onSpinWait();
              }
              String sid = app.hits("/wait").get(0).param("CallSid");
              Call.updater(sid).setUrl(URI.create(app.url("/agent"))).update(client);
            });

    CallTranscript call =
        twilio.call(
            app.url("/voice"),
            RESIDENT,
            TOWN_HALL,
            CallerScript.caller().waitInQueueUntilRedirected(Duration.ofSeconds(10)));

    assertThat(app.hits("/queue-done").get(0).param("QueueResult")).isEqualTo("redirected");
    assertThat(call.heardTexts()).endsWith("You are connected to the clerk.");
    assertThatThrownBy(
            () -> Call.updater(call.callSid()).setUrl(URI.create(app.url("/agent"))).update(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21220));
  }

  @Test
  void realSdkSendsAMessage() {
    Message message =
        Message.creator(
                new PhoneNumber(RESIDENT), new PhoneNumber(TOWN_HALL), "Your permit is ready.")
            .create(client);

    assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getBody()).isEqualTo("Your permit is ready.");
    assertThat(twilio.sentMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.sid()).isEqualTo(message.getSid());
              assertThat(m.to()).isEqualTo(RESIDENT);
              assertThat(m.from()).isEqualTo(TOWN_HALL);
              assertThat(m.body()).isEqualTo("Your permit is ready.");
            });
  }

  @Test
  void wrongAuthTokenGets401WithTwiliosError() {
    TwilioRestClient wrong = clientWith("wrong-token-wrong-token-wrong-to");

    assertThatThrownBy(
            () ->
                Message.creator(new PhoneNumber(RESIDENT), new PhoneNumber(TOWN_HALL), "x")
                    .create(wrong))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getCode()).isEqualTo(20003);
              assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20003");
            });
    assertThat(twilio.sentMessages()).isEmpty();
    assertThat(twilio.requests()).extracting(TwilioStandIn.RestRequest::status).containsOnly(401);
  }

  @Test
  void failNextFailsExactlyTheNextMatchingRequests() {
    twilio.failNext("Messages\\.json$", 400, 1);

    assertThatThrownBy(
            () ->
                Message.creator(new PhoneNumber(RESIDENT), new PhoneNumber(TOWN_HALL), "one")
                    .create(client))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    Message.creator(new PhoneNumber(RESIDENT), new PhoneNumber(TOWN_HALL), "two").create(client);

    assertThat(twilio.sentMessages())
        .extracting(TwilioStandIn.SentMessage::body)
        .containsExactly("two");
  }

  @Test
  void theSdkRetriesInjected5xxFailures() {
    twilio.failNext("Messages\\.json$", 503, 1);

    Message.creator(new PhoneNumber(RESIDENT), new PhoneNumber(TOWN_HALL), "retried")
        .create(client);

    List<Integer> statuses =
        twilio.requests().stream().map(TwilioStandIn.RestRequest::status).toList();
    assertThat(statuses).containsExactly(503, 201);
    assertThat(twilio.sentMessages()).hasSize(1);
  }

  @Test
  void unknownPathsGetTwilioStyle404() throws Exception {
    var response =
        TwilioStandInCallTest.get(
            twilio.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Conferences.json",
            ACCOUNT,
            TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body()))
        .contains("\"code\":20404", "\"status\":404", "https://www.twilio.com/docs/errors/20404");
  }
}
