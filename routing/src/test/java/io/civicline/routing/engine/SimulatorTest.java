package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.MAIN_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.routing.engine.Simulator.Input;
import io.civicline.routing.engine.Simulator.Trace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "What happens if someone calls on Christmas morning and presses 2?" */
class SimulatorTest {
  private final CallContext lakeside = Lakeside.town().context();

  private Trace simulate(String at, String... inputs) {
    return Simulator.run(
        lakeside,
        "main",
        CALLER,
        MAIN_NUMBER,
        Instant.parse(at),
        Simulator.parseAll(List.of(inputs)));
  }

  private static List<String> nodes(Trace trace) {
    return trace.entries().stream().flatMap(e -> e.nodes().stream()).toList();
  }

  @Test
  void christmasMorningPressing2ReachesTheSpanishHolidayMessage() {
    Trace trace = simulate("2026-12-25T15:00:00Z", "2");

    assertThat(nodes(trace))
        .containsExactly("welcome", "screen", "clerk-hours", "holiday-message", "goodbye");
    assertThat(trace.entries()).hasSize(2);
    assertThat(trace.entries().get(1).answeredWith()).contains("presses 2");
    assertThat(trace.entries().get(1).actions())
        .contains(
            new Action.Say(
                "Las oficinas del municipio están cerradas hoy por el día festivo. Llame de nuevo"
                    + " el próximo día hábil.",
                "es"));
    assertThat(trace.outcome()).isEqualTo(Outcome.MESSAGE);
    assertThat(trace.state().language()).isEqualTo("es");
  }

  @Test
  void aWeekdayCallPressing1WithNobodyAnsweringEndsInVoicemail() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "1");

    assertThat(nodes(trace))
        .containsExactly(
            "welcome", "screen", "clerk-hours", "main-menu", "clerk-ring", "clerk-voicemail");
    assertThat(trace.entries())
        .extracting(e -> e.answeredWith().orElse("-"))
        .containsExactly("-", "presses 1", "presses 1", "no-answer", "records a message");
    assertThat(trace.outcome()).isEqualTo(Outcome.VOICEMAIL);
  }

  @Test
  void aWeekdayCallAnsweredByTheClerk() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "1", "answer");

    assertThat(trace.outcome()).isEqualTo(Outcome.ANSWERED);
    assertThat(trace.state().answeredBy()).contains("maria-gonzalez");
  }

  @Test
  void silenceEverywhereEndsInTheClerksVoicemail() {
    // No language choice (twice), no menu choice (three times): the menu's noInput rings the clerk.
    Trace trace = simulate("2026-11-24T15:00:00Z");

    assertThat(nodes(trace)).endsWith("main-menu", "clerk-ring", "clerk-voicemail");
    assertThat(trace.outcome()).isEqualTo(Outcome.VOICEMAIL);
  }

  @Test
  void aQueueRunsToItsLimitThenOverflows() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "2");

    assertThat(nodes(trace)).endsWith("treasurer-queue", "treasurer-voicemail");
    assertThat(trace.state().queueWaitSeconds(Instant.parse("2026-11-24T15:10:00Z")))
        .isEqualTo(600);
    assertThat(trace.outcome()).isEqualTo(Outcome.VOICEMAIL);
  }

  @Test
  void pressing1InTheQueueRequestsACallback() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "2", "2", "wait:90", "1");

    assertThat(trace.outcome()).isEqualTo(Outcome.CALLBACK_REQUESTED);
    assertThat(trace.entries().getLast().actions())
        .contains(
            new Action.RequestCallback(
                "treasurer", CALLER, Instant.parse("2026-11-24T15:00:00Z"), "es"));
  }

  @Test
  void answeredFromTheQueueAfterAnAnnouncement() {
    // The announcement offers a callback (a gather); "answer" still means staff pick up.
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "2", "wait:10", "answer:dave-kowalski");

    assertThat(trace.outcome()).isEqualTo(Outcome.ANSWERED);
    assertThat(trace.state().answeredBy()).contains("dave-kowalski");
  }

  @Test
  void waitingInTheQueueAfterAnAnnouncementKeepsWaiting() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "2", "wait:60", "wait:60", "hangup");

    assertThat(trace.entries())
        .extracting(e -> e.answeredWith().orElse("-"))
        .containsExactly(
            "-",
            "presses 1",
            "presses 2",
            "waits in the queue (60 s)",
            "waits in the queue (120 s)",
            "caller hangs up");
    assertThat(trace.outcome()).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
  }

  @Test
  void theCallerHangingUpEndsTheTrace() {
    Trace trace = simulate("2026-11-24T15:00:00Z", "1", "hangup", "1");

    assertThat(trace.outcome()).isEqualTo(Outcome.HUNG_UP);
    assertThat(trace.entries()).hasSize(3);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1                   | Keys[digits=1]
          12#                 | Keys[digits=12#]
          ' 3 '               | Keys[digits=3]
          say:building permit | Says[text=building permit]
          silence             | Silence[]
          answer              | Answer[staffId=Optional.empty]
          answer:rob-miller   | Answer[staffId=Optional[rob-miller]]
          no-answer           | NoAnswer[status=NO_ANSWER]
          busy                | NoAnswer[status=BUSY]
          wait:90             | Wait[seconds=90]
          hangup              | Hangup[]
          """)
  void inputsParse(String text, String parsed) {
    assertThat(Simulator.parseAll(List.of(text))).singleElement().hasToString(parsed);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({"press 1", "say:", "wait:", "wait:soon", "1a", "ANSWER", "''"})
  void badInputsNameTheirPosition(String bad) {
    assertThatThrownBy(() -> Simulator.parseAll(List.of("1", "silence", bad)))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).errors())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(FieldError.class))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.pointer()).isEqualTo("#/inputs/2");
              assertThat(error.detail()).startsWith("'" + bad + "' is not an input");
            });
  }

  @Test
  void inputsAreRecords() {
    assertThat(Simulator.parseAll(List.of("answer:sofia-reyes")))
        .containsExactly(new Input.Answer(Optional.of("sofia-reyes")));
  }
}
