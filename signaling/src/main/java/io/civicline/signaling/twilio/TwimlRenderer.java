package io.civicline.signaling.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.DialTarget;
import java.util.List;

/**
 * Renders the engine's actions as TwiML with the SDK's builders. Actions that are not TwiML (a
 * text, a callback request) are carried out by the caller of this class. In a queue's wait
 * document, an empty answer becomes a pause so Twilio asks again.
 */
final class TwimlRenderer {
  static final int QUEUE_POLL_SECONDS = 10;

  private TwimlRenderer() {}

  static String render(List<Action> actions, CallUrls urls, boolean waiting) {
    return render(
        actions,
        urls,
        waiting,
        greeting -> {
          throw new IllegalStateException("no greeting links configured");
        });
  }

  /** {@code greetingUrl} makes the URL Twilio fetches an uploaded greeting from. */
  static String render(
      List<Action> actions,
      CallUrls urls,
      boolean waiting,
      java.util.function.Function<Action.PlayGreeting, String> greetingUrl) {
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    boolean rendered = false;
    for (Action action : actions) {
      if (action instanceof Action.PlayGreeting greeting) {
        response.play(new Play.Builder(greetingUrl.apply(greeting)).build());
        rendered = true;
        continue;
      }
      rendered |= add(response, action, urls, waiting);
    }
    if (waiting && !rendered) {
      response.pause(new Pause.Builder().length(QUEUE_POLL_SECONDS).build());
    }
    return response.build().toXml();
  }

  /** A short message and a hang-up, for calls that cannot go on (unknown number or call). */
  static String apology(String text) {
    return new VoiceResponse.Builder()
        .say(say(new Action.Say(text, "en")))
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  private static boolean add(
      VoiceResponse.Builder response, Action action, CallUrls urls, boolean waiting) {
    switch (action) {
      case Action.Say say -> response.say(say(say));
      case Action.Play play -> response.play(new Play.Builder(play.url()).build());
      case Action.PlayGreeting greeting -> {
        return false;
      }
      case Action.Gather gather ->
          response.gather(gather(gather, urls.event(waiting ? "queue-key" : "gather")));
      case Action.Dial dial -> response.dial(dial(dial, urls));
      case Action.Enqueue enqueue ->
          response.enqueue(
              new Enqueue.Builder(urls.queueName(enqueue.queue()))
                  .waitUrl(urls.event("queue-wait"))
                  .action(urls.event("queue-exit"))
                  .build());
      case Action.LeaveQueue leave -> response.leave(new Leave.Builder().build());
      case Action.Record record ->
          response.record(
              new Record.Builder()
                  .action(urls.event("record"))
                  .maxLength(record.maxSeconds())
                  .finishOnKey("#")
                  .playBeep(true)
                  .recordingStatusCallback(urls.recording(record.mailbox()))
                  .build());
      case Action.Hangup hangup -> response.hangup(new Hangup.Builder().build());
      case Action.SendSms sms -> {
        return false;
      }
      case Action.RequestCallback callback -> {
        return false;
      }
      case Action.OpenMailbox open -> {
        return false;
      }
      case Action.UpdateMessage update -> {
        return false;
      }
    }
    return true;
  }

  static Say say(Action.Say say) {
    Voices.Voice voice = Voices.of(say.language());
    return new Say.Builder(say.text()).voice(voice.voice()).language(voice.say()).build();
  }

  private static Gather gather(Action.Gather gather, String action) {
    Gather.Builder builder =
        new Gather.Builder()
            .action(action)
            .numDigits(gather.maxDigits())
            .timeout(gather.timeoutSeconds())
            .actionOnEmptyResult(true)
            .language(Voices.of(gather.language()).gather());
    if (gather.speechHints().isEmpty()) {
      builder.inputs(Gather.Input.DTMF);
    } else {
      builder
          .inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
          .hints(String.join(",", gather.speechHints()));
    }
    for (Action prompt : gather.prompts()) {
      if (prompt instanceof Action.Say say) {
        builder.say(say(say));
      } else if (prompt instanceof Action.Play play) {
        builder.play(new Play.Builder(play.url()).build());
      }
    }
    return builder.build();
  }

  private static Dial dial(Action.Dial dial, CallUrls urls) {
    Dial.Builder builder =
        new Dial.Builder().action(urls.event("dial")).timeout(dial.timeoutSeconds());
    if (dial.callerId() != null) {
      builder.callerId(dial.callerId());
    }
    for (DialTarget target : dial.targets()) {
      // A staff member's leg reports its answer and its end: they are "on a call" meanwhile.
      String leg = target.staffId() == null ? null : LegStatus.url(urls, target.staffId());
      if (target.kind() == DialTarget.Kind.CLIENT) {
        Client.Builder client = new Client.Builder(target.address());
        if (leg != null) {
          client
              .statusCallbackEvents(List.of(Client.Event.ANSWERED, Client.Event.COMPLETED))
              .statusCallback(leg);
        }
        builder.client(client.build());
      } else {
        Number.Builder number = new Number.Builder(target.address());
        if (leg != null) {
          number
              .statusCallbackEvents(List.of(Number.Event.ANSWERED, Number.Event.COMPLETED))
              .statusCallback(leg);
        }
        builder.number(number.build());
      }
    }
    return builder.build();
  }
}
