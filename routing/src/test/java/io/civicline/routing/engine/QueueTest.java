package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.CallEvent.QueueExit;
import io.civicline.routing.engine.CallEvent.QueueWait;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The treasurer's queue: announce every 60 s, callback offered, 600 s at most. */
class QueueTest {
  private static final String HOLD_MUSIC =
      "https://media.lakeside.example/hold/lakeside-strings.mp3";

  /** A Spanish caller who pressed 2 for the treasurer at {@link Lakeside#TUESDAY_MORNING}. */
  private static Call spanishInQueue() {
    Call call = Call.start(Lakeside.town(), CALLER, TUESDAY_MORNING.minusSeconds(20)).press("2");
    return call.after(20, new CallEvent.Digits("2"));
  }

  @Test
  void theFirstTickAnnouncesPositionWaitAndCallbackInTheCallersLanguage() {
    Call call = spanishInQueue().after(0, new QueueWait(3, 0, 120));

    assertThat(call.actions())
        .containsExactly(
            new Action.Say("Usted es el número 3 en la fila.", "es"),
            new Action.Say("El tiempo de espera estimado es de unos 6 minutos.", "es"),
            new Action.Gather(
                java.util.List.of(
                    new Action.Say(
                        "Para colgar y recibir una llamada sin perder su lugar, oprima 1.", "es")),
                1,
                3,
                "es",
                java.util.List.of()),
            new Action.Play(HOLD_MUSIC));
  }

  @ParameterizedTest(name = "ticks at {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # seconds waited at each tick | which ticks announce (1 = yes)
          0 20 40 59 60 61 119 120      | 1 0 0 0 1 0 0 1
          10 70 75 200 250 260          | 1 1 0 1 1 0
          """)
  void announcementsOnlyOncePerPeriod(String ticks, String expected) {
    Call call = spanishInQueue();
    String[] waited = ticks.split(" ");
    String[] announces = expected.split(" ");
    int previous = 0;
    for (int i = 0; i < waited.length; i++) {
      int seconds = Integer.parseInt(waited[i]);
      call.after(seconds - previous, new QueueWait(2, seconds, 60));
      previous = seconds;
      boolean announced = !call.actions(Action.Say.class).isEmpty();
      assertThat(announced).as("tick at %s s", seconds).isEqualTo(announces[i].equals("1"));
      assertThat(call.actions())
          .as("tick at %s s", seconds)
          .last()
          .isEqualTo(new Action.Play(HOLD_MUSIC));
    }
  }

  @Test
  void callbackKeepsThePlaceTheCallerHadWhenTheyJoined() {
    Call call = spanishInQueue();
    Instant joined = call.now();
    call.after(0, new QueueWait(4, 0, 120))
        .after(60, new QueueWait(3, 60, 120))
        .after(75, new CallEvent.Digits("1"));

    assertThat(call.now()).isEqualTo(joined.plusSeconds(135));
    assertThat(call.only(Action.RequestCallback.class))
        .isEqualTo(new Action.RequestCallback("treasurer", CALLER, joined, "es"));
    assertThat(call.saidTexts())
        .containsExactly("Gracias. Le llamaremos a este número cuando sea su turno. Adiós.");
    assertThat(call.actions()).last().isEqualTo(new Action.Hangup());
    assertThat(call.state().outcome()).contains(Outcome.CALLBACK_REQUESTED);
  }

  @Test
  void callbackSurvivesTheStateBeingStoredBetweenSteps() {
    Call call = spanishInQueue();
    Instant joined = call.now();
    CallState stored =
        CallState.fromJson(new io.vertx.core.json.JsonObject(call.state().toJson().encode()));

    Step step =
        FlowEngine.step(
            Lakeside.town().context(), stored, new CallEvent.Digits("1"), joined.plusSeconds(300));

    assertThat(step.actions())
        .contains(new Action.RequestCallback("treasurer", CALLER, joined, "es"));
  }

  @Test
  void otherKeysInTheQueueDoNothing() {
    Call call = spanishInQueue().press("5");

    assertThat(call.actions()).isEmpty();
    assertThat(call.state().node()).isEqualTo("treasurer-queue");
  }

  @Test
  void atMaxWaitTheCallerIsTakenOutAndGoesToOverflow() {
    Call call = spanishInQueue().after(599, new QueueWait(1, 599, 120));
    assertThat(call.actions(Action.LeaveQueue.class)).isEmpty();

    call.after(1, new QueueWait(1, 600, 120));
    assertThat(call.actions()).containsExactly(new Action.LeaveQueue());
    assertThat(call.state().ended()).isFalse();

    call.send(new CallEvent.QueueExited(QueueExit.LEFT, Optional.empty()));
    assertThat(call.state().node()).isEqualTo("treasurer-voicemail");
    assertThat(call.saidTexts()).first().asString().startsWith("Ha llamado a la tesorería");
    assertThat(call.only(Action.Record.class).mailbox()).isEqualTo("department:treasurer");
  }

  @Test
  void hangingUpInTheQueueIsAbandonedInQueue() {
    assertThat(spanishInQueue().send(new CallEvent.Hangup()).state().outcome())
        .contains(Outcome.ABANDONED_IN_QUEUE);
    assertThat(
            spanishInQueue()
                .send(new CallEvent.QueueExited(QueueExit.HUNG_UP, Optional.empty()))
                .state()
                .outcome())
        .contains(Outcome.ABANDONED_IN_QUEUE);
  }

  @Test
  void bridgedFromTheQueueIsAnsweredByTheStaffMember() {
    Call call =
        spanishInQueue()
            .send(new CallEvent.QueueExited(QueueExit.BRIDGED, Optional.of("dave-kowalski")));

    assertThat(call.state().outcome()).contains(Outcome.ANSWERED);
    assertThat(call.state().answeredBy()).contains("dave-kowalski");
  }

  @ParameterizedTest(name = "position {0}, average {1} s -> about {2} minutes")
  @CsvSource({"1, 0, 1", "3, 30, 3", "2, 150, 5", "3, 120, 6"})
  void estimatedWaitIsAtLeastAMinutePerCallerAhead(int position, int average, int minutes) {
    Call call = spanishInQueue().after(0, new QueueWait(position, 0, average));

    assertThat(call.saidTexts())
        .contains("El tiempo de espera estimado es de unos " + minutes + " minutos.");
  }
}
